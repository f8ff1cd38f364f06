// Label normalisation: the same row label arrives with full/half-width punctuation, spaces and line
// breaks inside it, different quotes and brackets, and numbering in several styles ((一)/（一）/一、/1./1、).
// Everything that does not carry meaning is removed so labels compare as plain character strings.

// Whitespace, punctuation, brackets and quotes (after NFKC, so full-width forms are already folded).
const NOISE = /[\s\p{P}\p{S}\u00a0\u3000]/gu;

/** NFKC, then drop whitespace, punctuation, brackets, quotes and symbols. Numbering digits stay. */
export function normalizeLabel(text: string): string {
  return text.normalize("NFKC").replace(NOISE, "");
}

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
