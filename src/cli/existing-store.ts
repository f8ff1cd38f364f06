// Commands that only read or rework a store (check, reparse, export) must not create one: a typo in
// `--db` would otherwise leave an empty database behind and report success on nothing.
import { existsSync } from "node:fs";
import { defaultDbPath } from "../paths.js";
import { EXIT, UserError } from "./exit-codes.js";

/** The database path, when a file is there; otherwise a one-line refusal (exit 4). */
export function existingStorePath(db: string | undefined): string {
  const path = db ?? defaultDbPath;
  if (!existsSync(path))
    throw new UserError(
      `no database at ${path}${db ? "" : " (the default)"}; give --db an existing store (ingest, crawl and demo create one)`,
      EXIT.STORE,
    );
  return path;
}
