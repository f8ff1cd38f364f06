// Finds which template row a piece of (normalised) text names. A label is recognised at the END of the
// text, because in run-together text the label sits right before its figures ("…（三）不予公开1.属于国家
// 秘密0000000"). Exact suffixes are tried first (longest wins); then a bounded fuzzy match tolerates
// typos such as 其他法律行政止公开 (longest common subsequence over a window, prefiltered by bigrams).
import type { RowLabel } from "./dictionary.js";
import { normalizeLabel } from "./normalize.js";

export interface LabelMatch {
  key: string;
  heading: boolean;
  exact: boolean;
  /** Normalised length of the matched label (longer = more specific). */
  length: number;
}

interface Entry {
  norm: string;
  label: RowLabel;
  bigrams: Set<string>;
}

const MIN_FUZZY_LENGTH = 5;
const MIN_PREFIX = 5;
const FUZZY_RATIO = 0.75;
const MAX_FUZZY_TEXT = 80;

export class LabelMatcher {
  private readonly exact = new Map<string, RowLabel>();
  /** Lengths of the labels ending in each character, longest first (only those can match there). */
  private readonly lengthsByLastChar = new Map<string, number[]>();
  private readonly fuzzy: Entry[] = [];
  // Beginnings of labels (≥ MIN_PREFIX characters) naming one row only: a label cut by a line break
  // inside its cell ("1.本机关不掌" | "握相关政府信息") is still recognised from its first part.
  private readonly prefixes = new Map<string, RowLabel | null>();

  constructor(rows: RowLabel[]) {
    for (const label of rows) {
      for (const variant of label.variants) {
        const norm = normalizeLabel(variant);
        if (!this.exact.has(norm)) this.exact.set(norm, label);
        const last = norm.slice(-1);
        const lengths = this.lengthsByLastChar.get(last) ?? [];
        if (!lengths.includes(norm.length)) lengths.push(norm.length);
        this.lengthsByLastChar.set(last, lengths);
        if (norm.length >= MIN_FUZZY_LENGTH) this.fuzzy.push({ norm, label, bigrams: bigrams(norm) });
        for (let n = MIN_PREFIX; n < norm.length; n++) {
          const prefix = norm.slice(0, n);
          const known = this.prefixes.get(prefix);
          this.prefixes.set(prefix, known === undefined || known === label ? label : null);
        }
      }
    }
    for (const lengths of this.lengthsByLastChar.values()) lengths.sort((a, b) => b - a);
  }

  // Fuzzy results by text: the same header words and label fragments recur in every report.
  private readonly fuzzyCache = new Map<string, LabelMatch | null>();

  // Exact results by text, for texts short enough to be labels: the recognizer asks about every
  // text token (alone and joined with the fragments before it), and labels recur in every report.
  private readonly exactCache = new Map<string, LabelMatch | null>();

  // Whole results with fuzzy matching allowed, by text: the exact, prefix and fuzzy look-ups (and the
  // numbering cut before the prefix one) are made once per text.
  private readonly anyCache = new Map<string, LabelMatch | null>();

  /** The row named at the end of `norm` (already normalised), or null. */
  match(norm: string, allowFuzzy = true): LabelMatch | null {
    if (!allowFuzzy || norm.length > MAX_FUZZY_TEXT) return this.lookUp(norm, allowFuzzy);
    let found = this.anyCache.get(norm);
    if (found === undefined) {
      found = this.lookUp(norm, true);
      if (this.anyCache.size > 20_000) this.anyCache.clear();
      this.anyCache.set(norm, found);
    }
    return found;
  }

  private lookUp(norm: string, allowFuzzy: boolean): LabelMatch | null {
    let exact: LabelMatch | null | undefined;
    if (norm.length > MAX_FUZZY_TEXT) exact = this.matchExact(norm);
    else {
      exact = this.exactCache.get(norm);
      if (exact === undefined) {
        exact = this.matchExact(norm);
        if (this.exactCache.size > 20_000) this.exactCache.clear();
        this.exactCache.set(norm, exact);
      }
    }
    if (exact) return exact;
    if (!allowFuzzy || norm.length < MIN_FUZZY_LENGTH - 1 || norm.length > MAX_FUZZY_TEXT) return null;
    const prefix = this.prefixes.get(norm.replace(/^(?:[一二三四五六七八九十]{1,3}|\d{1,2})/u, ""));
    if (prefix && !this.exact.has(norm)) {
      return { key: prefix.key, heading: prefix.heading === true, exact: false, length: norm.length };
    }
    const cached = this.fuzzyCache.get(norm);
    if (cached !== undefined) return cached;
    const found = this.matchFuzzy(norm);
    if (this.fuzzyCache.size > 20_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(norm, found);
    return found;
  }

  /** The longest label that `norm` ends with, or null. */
  private matchExact(norm: string): LabelMatch | null {
    for (const length of this.lengthsByLastChar.get(norm.slice(-1)) ?? []) {
      if (length > norm.length) continue;
      const label = this.exact.get(norm.slice(norm.length - length));
      if (label) return { key: label.key, heading: label.heading === true, exact: true, length };
    }
    return null;
  }

  private matchFuzzy(norm: string): LabelMatch | null {
    // Best score per template row, so two variants of one label never compete with each other.
    const scores = new Map<RowLabel, { score: number; length: number }>();
    const all = bigrams(norm);
    for (const entry of this.fuzzy) {
      // Cheap bound first: bigrams shared with the whole text.
      let shared = 0;
      for (const g of entry.bigrams) if (all.has(g)) shared++;
      if (shared < entry.bigrams.size * 0.4) continue;
      const window = norm.slice(Math.max(0, norm.length - entry.norm.length - 3));
      const grams = window.length === norm.length ? all : bigrams(window);
      shared = 0;
      for (const g of entry.bigrams) if (grams.has(g)) shared++;
      if (shared < entry.bigrams.size * 0.4) continue;
      const common = lcsLength(window, entry.norm);
      // Both sides must be mostly covered: the label by the text, and the window's tail by the label.
      const score = common / entry.norm.length;
      if (score < FUZZY_RATIO || common < window.length * 0.6) continue;
      const known = scores.get(entry.label);
      if (!known || score > known.score) scores.set(entry.label, { score, length: entry.norm.length });
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
    const [first, runnerUp] = ranked;
    if (!first || (runnerUp && first[1].score - runnerUp[1].score < 0.1)) return null;
    const [label, { length }] = first;
    return { key: label.key, heading: label.heading === true, exact: false, length };
  }
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/** Length of the longest common subsequence (texts are short: a label is under 40 characters). */
function lcsLength(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j]!;
  }
  return prev[b.length]!;
}
