// Where each table sits in the token stream. Headings are unreliable (Shanghai numbers them
// differently, portal text mentions them in prose), so each table starts at the first of its own
// header words or row labels, searched after the previous table; table 4 ends at the next section.
import { normalizeLabel } from "./normalize.js";
import type { Token } from "./stream.js";

export interface Region {
  from: number;
  to: number;
}

export interface Regions {
  t2: Region | null;
  t3: Region | null;
  t4: Region | null;
}

// `holds.call(norm, w)`, not `norm.includes(w)`, over every token: see parsers/template/nfkc.ts.
const holds = String.prototype.includes;
const endsWith = String.prototype.endsWith;

const cues = (words: string[]) => words.map(normalizeLabel);
const T2_START = cues(["第二十条第（一）项", "本年制发件数", "本年新制作数量"]);
const T2_HEADING = cues(["主动公开政府信息情况"]);
const T3_START = cues(["申请人情况", "本年新收政府信息公开申请", "勾稽关系"]);
const T3_HEADING = cues(["收到和处理政府信息公开申请情况"]);
const T4_START = cues(["行政复议"]);
const END = cues(["存在的主要问题", "主要问题", "其他需要报告", "改进情况"]);

export function findRegions(tokens: Token[]): Regions {
  const t2Start = find(tokens, 0, T2_START, "includes") ?? find(tokens, 0, T2_HEADING, "endsWith");
  const t3Start =
    find(tokens, t2Start ?? 0, T3_HEADING, "endsWith", T3_START) ??
    find(tokens, t2Start ?? 0, T3_START, "includes");
  const t4Start = find(tokens, t3Start !== null ? t3Start + 1 : (t2Start ?? 0), T4_START, "includes");
  const end =
    t4Start !== null
      ? table4End(tokens, t4Start)
      : (find(tokens, t3Start ?? t2Start ?? 0, END, "includes") ?? tokens.length);
  const t3End = t4Start ?? end;
  return {
    t2: t2Start !== null ? { from: t2Start, to: t3Start ?? t4Start ?? end } : null,
    t3: t3Start !== null ? { from: t3Start, to: t3End } : null,
    t4: t4Start !== null && (t3Start !== null || t2Start !== null) ? { from: t4Start, to: end } : null,
  };
}

const T4_HEADER = cues(["结果维持", "尚未审结", "总计"]);

/**
 * Where table 4 ends: at the next section's words, or at the first sentence of prose after its
 * figures. Section headings run together ("四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及
 * 改进情况" in one line, the table after it) put the next section's words into the line that starts
 * the table: they end it only when the table's own header words come before them (a whole table run
 * into one line of text).
 */
function table4End(tokens: Token[], start: number): number {
  const first = tokens[start]!;
  let from = start;
  if (first.kind === "text") {
    const at = Math.min(...END.map((w) => first.norm.indexOf(w)).filter((i) => i >= 0));
    if (Number.isFinite(at)) {
      if (T4_HEADER.some((w) => first.norm.slice(0, at).includes(w))) return start + 1;
      from = start + 1;
    }
  }
  const end = find(tokens, from, END, "includes") ?? tokens.length;
  let figures = false;
  for (let i = start + 1; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === "num") figures = true;
    else if (figures && t.kind === "text" && (t.text.includes("。") || t.norm.length > 60)) return i;
  }
  return end;
}

/** Index of the first text token at or after `from` containing (or ending with) one of the words. */
function find(
  tokens: Token[],
  from: number,
  words: string[],
  how: "includes" | "endsWith",
  alsoIncludes: string[] = [],
): number | null {
  // Plain loops: this runs over every token of the document, several times.
  const includes = how === "includes";
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "text") continue;
    const norm = t.norm;
    for (const w of words) if (includes ? holds.call(norm, w) : endsWith.call(norm, w)) return i;
    for (const w of alsoIncludes) if (holds.call(norm, w)) return i;
  }
  return null;
}
