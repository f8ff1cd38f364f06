// The ingest pipeline: one document in, one stored outcome out. It hashes the bytes once (or takes
// the hash the crawler computed), asks the store whether it holds them, parses (through the function
// it is given: the worker pool, or in-process), resolves the agency and hands the result to the
// store, which only persists. Crawlers and the `ingest` command hand documents to it as a
// DocumentSink; `reparse` reads stored bytes back through it.
import { createHash } from "node:crypto";
import type { ParseResult } from "../model/contract.js";
import type { DocumentSink, IncomingDocument, IngestOutcome } from "../model/ingest.js";
import type { DocumentResource } from "../model/resources.js";
import { validateParse, type ParsedDocument, type Store } from "../store/index.js";
import { agencyYearOf, agencyYearOfDocument } from "../store/resolved.js";
import { AgencyResolver, type AgencyContext } from "./agency.js";
import { resolveAcrossYears } from "./cross-year.js";
import { documentText } from "./document-text.js";
import { GroupCommit, type GroupCommitOptions } from "./group-commit.js";
import { ParseAhead } from "./parse-ahead.js";

export interface ParseRequest {
  /** The file name or URL, used only in messages. */
  name?: string;
  /** The charset the server declared for the bytes (HTTP Content-Type), a hint for HTML and text. */
  declaredCharset?: string;
  /** The images an HTML report shows, fetched or read with it (parsing never fetches). */
  resources?: DocumentResource[];
}

/** Parses one document: parsers/index.ts parseDocument, or the worker pool's parse. */
export type ParseFunction = (bytes: Uint8Array, request: ParseRequest) => Promise<ParseResult>;

export interface PipelineOptions {
  parse: ParseFunction;
  /** The version the parser reports (parsers/version.ts), kept with each report for `reparse`. */
  parserVersion: string;
  /**
   * Group commit (src/ingest/group-commit.ts): documents handed without waiting for each outcome
   * share a commit; each outcome is given once committed. Default: one commit per document. Only
   * for a process that writes this database on no other connection (the crawler's frontier has its
   * own connection: a group held open would lock it out).
   */
  group?: GroupCommitOptions;
}
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The charset parameter of a Content-Type header ("text/html; charset=GBK" → "GBK"). */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "");
  return m?.[1];
}

interface Parsed {
  result: ParseResult | null;
  error: string | null;
  /** The parser refused the document for its size (ParseError "too_large"). */
  tooLarge?: boolean;
}

export class IngestPipeline implements DocumentSink {
  readonly parserVersion: string;
  private readonly agencies = new AgencyResolver();
  private readonly ahead: ParseAhead;
  protected readonly groups: GroupCommit | null;

  constructor(
    readonly store: Store,
    options: PipelineOptions,
  ) {
    this.parserVersion = options.parserVersion;
    this.ahead = new ParseAhead(options.parse, (bytes) => store.hasDocument(sha256Hex(bytes)));
    this.groups = options.group ? new GroupCommit(store, options.group) : null;
  }

  /**
   * Starts parsing a document that will be ingested soon (the `ingest` command reads a few files
   * ahead), unless the store already holds it; `ingestDocument` then takes the parse under way.
   */
  prefetch(document: Pick<IncomingDocument, "bytes" | "path" | "url" | "contentType" | "resources">): void {
    this.ahead.prefetch(document.bytes, requestFor(document));
  }

  /**
   * Stores one document and gives its outcome once it is committed. With group commit, documents
   * handed before the earlier ones' outcomes are written in the order handed, several to a commit.
   */
  ingestDocument(document: IncomingDocument): Promise<IngestOutcome> {
    return this.groups ? this.groups.run(() => this.ingestNow(document)) : this.ingestNow(document);
  }

  /** Commits the open group (its outcomes are then given); call before reading the store elsewhere. */
  async flush(): Promise<void> {
    await this.groups?.drain();
  }

  private async ingestNow(document: IncomingDocument): Promise<IngestOutcome> {
    const { bytes, sha256: given, resources, ...place } = document;
    const sha256 = given ?? sha256Hex(bytes);
    const now = new Date().toISOString();
    const known = this.store.recordSource(sha256, place, now);
    if (known) {
      this.ahead.discard(bytes);
      // The blobs file was lost or damaged: the original, ingested again, puts its bytes back.
      this.store.restoreBytes(sha256, bytes);
    }
    // A document that failed before (a timeout, a missing converter) is tried again.
    if (known?.documentId != null && known.error !== undefined && known.reportId === null)
      return this.reparseDocument(known.documentId, "new");
    // A page stored before its pictures could be had (an older crawl, a picture that failed then):
    // the pictures handed now are kept with it, and it is read again with them.
    if (known?.documentId != null && resources?.some((r) => r.bytes))
      if (this.store.addResources(known.documentId, resources)) return this.reparseDocument(known.documentId);
    if (known) return known;

    const parsed = await this.parse(bytes, document);
    // Refused for its size: neither its bytes nor a document row are kept (a 1 GB file must not
    // land in the blobs file); the outcome says why, and a rerun tries it again.
    if (parsed.tooLarge)
      return {
        status: "failed",
        documentId: null,
        reportId: null,
        sha256,
        agency: null,
        year: null,
        error: parsed.error!,
      };
    const agency = this.resolveAgency(parsed.result, {
      ...agencyContext(document),
      documentText: () => documentText(bytes, parsed.result),
    });
    const outcome = this.store.writeDocument(
      sha256,
      bytes,
      place,
      { ...parsed, agency, parserVersion: this.parserVersion },
      now,
      resources,
    );
    this.resolveAround(outcome.reportId);
    return outcome;
  }

  /** Parses the stored bytes of one document again with the current parser and replaces its report. */
  async reparseDocument(
    documentId: number,
    freshStatus: "new" | "updated" = "updated",
  ): Promise<IngestOutcome> {
    const stored = this.store.storedDocument(documentId);
    const now = new Date().toISOString();
    const { bytes } = stored;
    // The charset the server declared where the document was last fetched with one.
    const contentType = stored.sources.find((x) => charsetOf(x.contentType))?.contentType ?? undefined;
    const parsed: Parsed = bytes
      ? await this.parse(bytes, { path: `document ${documentId}`, contentType, resources: stored.resources })
      : { result: null, error: `raw bytes of document ${documentId} missing from ${stored.blobPath}` };
    const context = agencyContext({
      title: stored.title ?? undefined,
      url: stored.sources.find((x) => x.url)?.url ?? undefined,
      sourceId: stored.sources.find((x) => x.sourceId)?.sourceId ?? undefined,
      path: stored.sources.find((x) => x.path)?.path ?? undefined,
    });
    if (bytes) context.documentText = () => documentText(bytes, parsed.result);
    const agency = this.resolveAgency(parsed.result, context);
    const before = agencyYearOfDocument(this.store.db, documentId);
    const outcome = this.store.writeReparsed(
      documentId,
      { ...parsed, agency, parserVersion: this.parserVersion },
      now,
      freshStatus,
    );
    // The old report's neighbours lost it (or the agency-year changed): decide them again too.
    if (before) resolveAcrossYears(this.store.db, before.agencyId, before.year);
    this.resolveAround(outcome.reportId);
    return outcome;
  }

  /** Table-2 rows of this report and its neighbouring years decided again across years. */
  private resolveAround(reportId: number | null): void {
    const at = reportId === null ? null : agencyYearOf(this.store.db, reportId);
    if (at) resolveAcrossYears(this.store.db, at.agencyId, at.year);
  }

  /** Documents a parser of this pipeline's version should read again. */
  reparseTargets(all: boolean): number[] {
    return this.store.reparseTargets(this.parserVersion, all);
  }

  private async parse(
    bytes: Uint8Array,
    document: Pick<IncomingDocument, "path" | "url" | "filename" | "contentType" | "resources">,
  ): Promise<Parsed> {
    let parsed: Parsed;
    try {
      const result = await this.ahead.parse(bytes, requestFor(document));
      validateParse(result);
      parsed = { result, error: null };
    } catch (error) {
      const tooLarge = (error as { code?: unknown } | null)?.code === "too_large";
      parsed = { result: null, error: error instanceof Error ? error.message : String(error), tooLarge };
    }
    // The group may have been committed by its timer while the parse ran: the writes join a new one.
    this.groups?.open();
    return parsed;
  }

  private resolveAgency(result: ParseResult | null, context: AgencyContext): ParsedDocument["agency"] {
    return result?.agency ? this.agencies.resolve(result.agency, context) : null;
  }
}

function requestFor(
  document: Pick<IncomingDocument, "path" | "url" | "filename" | "contentType" | "resources">,
): ParseRequest {
  const declaredCharset = charsetOf(document.contentType);
  return {
    name: document.url ?? document.path ?? document.filename,
    ...(declaredCharset ? { declaredCharset } : {}),
    ...(document.resources?.length ? { resources: document.resources } : {}),
  };
}

function agencyContext(
  input: Pick<IncomingDocument, "title" | "url" | "regionHint" | "sourceId" | "path" | "filename">,
): AgencyContext {
  return {
    // A local path often names the region too (…/福州市/鼓楼区/2023.pdf), and so does a served file name.
    hints: [input.regionHint, input.title, input.path, input.filename].filter((h): h is string => Boolean(h)),
    origin: input.sourceId ?? hostOf(input.url),
  };
}

function hostOf(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
