// Reading a printed cell back into a number, by REPORT-FORMAT.md's cell conventions. Used by the
// ambiguity solver (the generator's own inverse of formatValue), not by the parser.

/** The value a printed cell holds in 万元/counts, or undefined when it is not a figure. */
export function parseCellValue(text: string): number | undefined {
  const t = text.trim();
  if (t === "" || t === "-" || t === "—" || t === "/" || t === "无") return 0;
  const m = /^([+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(万元|元)?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "元" ? n / 10000 : n;
}
