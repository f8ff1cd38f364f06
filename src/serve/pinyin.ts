// Pinyin initials of every body's names (洪泽区人民政府 → hzqrmzf), so a reader can type "hzq".
// Built with pinyin-pro (maintained, dictionary bundled, no network) on first use and rebuilt when
// the store gains bodies; a few hundred ms for thousands of names, so the server warms it after start.
import type { StoreReader } from "./queries.js";

interface Index {
  agencies: number;
  entries: { id: number; initials: string }[];
}

const indexes = new WeakMap<StoreReader, Index>();
let pinyinModule: typeof import("pinyin-pro") | null = null;

export async function loadPinyin(): Promise<void> {
  pinyinModule ??= await import("pinyin-pro");
}

function initialsOf(name: string): string {
  const { pinyin } = pinyinModule!;
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** True when the query looks like pinyin initials rather than a name. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-zA-Z]{2,20}$/.test(q.trim());
}

/** Ids of bodies whose name or alias initials contain the query; empty until pinyin-pro is loaded. */
export function pinyinMatches(reader: StoreReader, q: string): number[] {
  if (!pinyinModule || !isPinyinQuery(q)) return [];
  const agencies = reader.agencyCount();
  let index = indexes.get(reader);
  if (!index || index.agencies !== agencies) {
    index = {
      agencies,
      entries: reader.bodyNames().map(({ id, name }) => ({ id, initials: initialsOf(name) })),
    };
    indexes.set(reader, index);
  }
  const needle = q.trim().toLowerCase();
  const ids = new Set<number>();
  for (const entry of index.entries) if (entry.initials.includes(needle)) ids.add(entry.id);
  return [...ids];
}

export function warmPinyin(reader: StoreReader): Promise<void> {
  return loadPinyin().then(() => void pinyinMatches(reader, "zz"));
}
