// Label normalisation: the same row label arrives with full/half-width punctuation, spaces and line
// breaks inside it, different quotes and brackets, and numbering in several styles ((一)/（一）/一、/1./1、).
// Everything that does not carry meaning is removed so labels compare as plain character strings.

import { charTable, mapChars, type CharTable } from "./nfkc.js";

// Whitespace, punctuation, brackets and quotes (after NFKC, so full-width forms are already folded).
const NOISE = /[\s\p{P}\p{S}\u00a0\u3000]/gu;

/** NFKC, then drop whitespace, punctuation, brackets, quotes and symbols. Numbering digits stay. */
export function normalizeLabel(text: string): string {
  if (text.length > MAX_CACHED_LENGTH) return fastLabel(text) ?? slowLabel(text);
  let norm = cache.get(text);
  if (norm === undefined) {
    norm = fastLabel(text) ?? slowLabel(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, norm);
  }
  return norm;
}

/** The definition: NFKC, then the noise removed. */
function slowLabel(text: string): string {
  return text.normalize("NFKC").replace(NOISE, "");
}

// Labels, header words and cell texts recur in every report of the national template: their
// normalised forms are remembered (short texts only; prose lines rarely repeat).
const MAX_CACHED_LENGTH = 64;
const MAX_CACHED = 20_000;
const cache = new Map<string, string>();

// The same result character by character where that is exact (parsers/template/nfkc.ts): most of
// the time of reading prose lines, which are too long to cache.
let labelTable: CharTable | undefined;

/** normalizeLabel for text of the fast ranges; undefined for any other text. */
function fastLabel(text: string): string | undefined {
  labelTable ??= charTable(slowLabel);
  return mapChars(text, labelTable);
}

/** For tests: the definition, and whether the fast path takes the text. */
export const normalizeLabelParts = { slow: slowLabel, fast: fastLabel };

/** True when the text holds at least one CJK ideograph (a label, as opposed to a bare number). */
export function hasCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

// Numbering a normalised label may start with: 一 / 十二 / 1 / 12 (brackets and dots are gone already).
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}|\d{1,2})/;

/** The normalised label without its leading numbering ("三不予公开" → "不予公开"). */
export function stripNumbering(normalized: string): string {
  return normalized.replace(NUMBERING, "");
}
