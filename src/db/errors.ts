// Failures of the store file that a user can act on: a locked or corrupt database, a full disk.
// SQLite's error codes are translated into words; the CLI maps StoreError to its exit code (EXIT.STORE).

export type StoreErrorCode = "locked" | "not_a_database" | "corrupt" | "disk_full" | "io" | "readonly";

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** better-sqlite3 raises SqliteError with a `code` such as SQLITE_BUSY or SQLITE_FULL. */
export function toStoreError(error: unknown, dbPath: string): StoreError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return null;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return new StoreError("locked", `${dbPath} is locked by another process; try again when it has finished`);
  if (code === "SQLITE_NOTADB")
    return new StoreError("not_a_database", `${dbPath} is not a SQLite database (is it the right file?)`);
  if (code.startsWith("SQLITE_CORRUPT"))
    return new StoreError(
      "corrupt",
      `${dbPath} is damaged (SQLite reports corruption); restore it from a copy`,
    );
  if (code === "SQLITE_FULL")
    return new StoreError(
      "disk_full",
      `the disk holding ${dbPath} is full; nothing was written for this document`,
    );
  if (code.startsWith("SQLITE_READONLY"))
    return new StoreError("readonly", `${dbPath} is read-only; cannot write to it`);
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN"))
    return new StoreError("io", `cannot read or write ${dbPath} (${code})`);
  return null;
}
