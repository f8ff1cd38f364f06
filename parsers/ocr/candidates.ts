// Candidate readings of a figure cell from the digit pass: the engine's reading first, then the
// readings its doubtful characters allow (the LSTM's own alternatives, then the usual confusions
// of printed digits), each with a confidence. The identities choose among them (verify.ts).
import type { OcrText } from "./tesseract.js";

export interface Candidate {
  /** Digits as read ("" for a blank cell, "—" for a dash). */
  text: string;
  /** 0–100. */
  confidence: number;
}

/** A character read below this confidence is doubtful: its alternatives become candidates. */
const DOUBTFUL = 90;
/** Digits printed in report fonts that engines mistake for one another. */
const CONFUSIONS: Record<string, string[]> = {
  "0": ["8", "6", "9"],
  "1": ["7", "4"],
  "2": ["7"],
  "3": ["8", "5", "9"],
  "4": ["1"],
  "5": ["6", "3"],
  "6": ["5", "8", "0"],
  "7": ["1", "2"],
  "8": ["3", "6", "0", "9"],
  "9": ["8", "0", "3"],
};
const MAX_CANDIDATES = 12;

export function digitCandidates(read: OcrText): Candidate[] {
  const chars = read.chars.filter((c) => /[\d.]/.test(c.char));
  const best = chars.map((c) => c.char).join("");
  if (!best) return [{ text: "", confidence: 0 }];
  const out = new Map<string, number>([[best, read.confidence]]);
  // One doubtful character replaced at a time: by the LSTM's alternatives, then by the confusions.
  const doubtful = chars
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.confidence < DOUBTFUL)
    .sort((a, b) => a.c.confidence - b.c.confidence);
  for (const { c, i } of doubtful) {
    const alternatives = [
      ...c.alternatives.filter((a) => /^\d$/.test(a.char)).map((a) => a.char),
      ...(CONFUSIONS[c.char] ?? []),
    ];
    for (const alt of alternatives) {
      const text = best.slice(0, i) + alt + best.slice(i + 1);
      if (!out.has(text)) out.set(text, Math.min(read.confidence, 100 - c.confidence) / 2);
      if (out.size >= MAX_CANDIDATES) break;
    }
  }
  return [...out].map(([text, confidence]) => ({ text, confidence }));
}
