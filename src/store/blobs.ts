// Raw document bytes, content-addressed: <dir>/ab/cdef… (the SHA-256 in hex). Kept as files beside
// the database rather than in it: PDFs are most of the bytes (hundreds of KB each, thousands a year),
// and keeping them out keeps the researchers' .db small enough to copy and mail. A blob is written
// (temp file + rename) before the database row that names it commits, so a crash can leave at
// worst an unreferenced blob, never a row whose bytes are missing.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StoreError } from "./errors.js";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  put(sha256: string, bytes: Uint8Array): void {
    const target = this.pathOf(sha256);
    if (existsSync(target)) return;
    const folder = join(this.dir, sha256.slice(0, 2));
    const temp = join(folder, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(temp, bytes);
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EDQUOT")
        throw new StoreError(
          "disk_full",
          `the disk holding ${this.dir} is full; the document was not stored`,
        );
      throw new StoreError("io", `cannot write ${target}: ${(error as Error).message}`);
    }
  }

  get(sha256: string): Uint8Array | null {
    try {
      return readFileSync(this.pathOf(sha256));
    } catch {
      return null;
    }
  }
}
