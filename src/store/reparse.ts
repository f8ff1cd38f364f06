// Which stored documents a newer parser should see again.
import type Database from "better-sqlite3";

/** Compares dotted numeric versions ("0.10.0" > "0.9.3"); non-numeric parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

export function documentsToReparse(db: Database.Database, parserVersion: string, all: boolean): number[] {
  const rows = db.prepare("SELECT id, parser_version FROM documents ORDER BY id").all() as {
    id: number;
    parser_version: string;
  }[];
  return rows.filter((r) => all || compareVersions(r.parser_version, parserVersion) < 0).map((r) => r.id);
}
