// Test documents for the store: ParseResult JSON made from the shared corpus's truth files (real
// reports' figures), read by a one-line "parser" so store behaviour is tested on its own, whatever
// stage the real parsers are at. `variant` makes a distinct document (new bytes) of the same report.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParseResult } from "../../../src/model/contract.js";
import { projectRoot } from "../../../src/paths.js";

export type FixtureName = "hongze-2023" | "hongze-2024" | "wolong-2023" | "nanyang-2023";

export function fixtureResult(name: FixtureName): ParseResult {
  return JSON.parse(
    readFileSync(join(projectRoot, "tests/fixtures/store", `${name}.json`), "utf8"),
  ) as ParseResult;
}

export function documentBytes(result: ParseResult): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(result));
}

/** The "parser" for fixture documents: their bytes are the ParseResult as JSON. */
export async function parseFixture(bytes: Uint8Array): Promise<ParseResult> {
  const text = new TextDecoder().decode(bytes);
  if (!text.startsWith("{")) throw new Error("not a fixture document (unsupported format)");
  return JSON.parse(text) as ParseResult;
}

export function withChanges(result: ParseResult, changes: Partial<ParseResult>): ParseResult {
  return { ...structuredClone(result), ...changes };
}

export function tempDir(prefix = "nianbao-store-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
