// A store with the ingest pipeline in front of it: what `nianbao ingest`, `reparse`, `crawl` and the
// tests open. Parsing defaults to the in-process parser; commands pass the worker pool's parse.
import { parseDocument } from "../../parsers/index.js";
import { PARSER_VERSION } from "../../parsers/version.js";
import { defaultDbPath } from "../paths.js";
import { openStore, type Store, type StoreOptions } from "../store/index.js";
import { placeOfRegionCode } from "./agency.js";
import type { GroupCommitOptions } from "./group-commit.js";
import { IngestPipeline, type ParseFunction } from "./pipeline.js";

export { IngestPipeline, type ParseFunction, type ParseRequest } from "./pipeline.js";
export { INGEST_GROUP, type GroupCommitOptions } from "./group-commit.js";
export { InOrder } from "./in-order.js";
export type { IngestOutcome, IncomingDocument, DocumentSink } from "../model/ingest.js";

export interface OpenIngestOptions extends StoreOptions {
  /** The parser to run (default: parsers/index.ts parseDocument, in this thread). */
  parse?: ParseFunction;
  /** The version the parser reports (default: parsers/version.ts). */
  parserVersion?: string;
  /** Group commit for documents handed without waiting for each outcome (default: none). */
  group?: GroupCommitOptions;
}

/** An ingest pipeline that owns its store: closing it closes the store. */
export class StoreIngest extends IngestPipeline {
  get db(): Store["db"] {
    return this.store.db;
  }

  get path(): string {
    return this.store.path;
  }

  get blobs(): Store["blobs"] {
    return this.store.blobs;
  }

  /** Closes the store; documents whose group was not committed yet are not kept (see flush()). */
  close(): void {
    this.groups?.close();
    this.store.close();
  }
}

export function openIngest(path: string = defaultDbPath, options: OpenIngestOptions = {}): StoreIngest {
  const { parse, parserVersion, group, ...storeOptions } = options;
  const store = openStore(path, storeOptions);
  if (!storeOptions.readonly) {
    try {
      store.fillAgencyPlaces(placeOfRegionCode);
    } catch (error) {
      store.close();
      throw error;
    }
  }
  return new StoreIngest(store, {
    parse: parse ?? parseDocument,
    parserVersion: parserVersion ?? PARSER_VERSION,
    ...(group ? { group } : {}),
  });
}
