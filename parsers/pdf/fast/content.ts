// Content-stream operators and their operands, as pdf.js's EvaluatorPreprocessor reads them from a
// well-formed stream. A wrong operand count, an unknown operator or an inline image is doubt: pdf.js
// would skip, shift or repair, and the fast reader does not guess how.
import { Cmd, doubt, EOF, Lexer, readObject, type PdfObject } from "./objects.js";

/** Operand count of each operator; -1 for the colour operators that take a variable number. */
const ARGS: Record<string, number> = {
  w: 1,
  J: 1,
  j: 1,
  M: 1,
  d: 2,
  ri: 1,
  i: 1,
  gs: 1,
  q: 0,
  Q: 0,
  cm: 6,
  m: 2,
  l: 2,
  c: 6,
  v: 4,
  y: 4,
  h: 0,
  re: 4,
  S: 0,
  s: 0,
  f: 0,
  F: 0,
  "f*": 0,
  B: 0,
  "B*": 0,
  b: 0,
  "b*": 0,
  n: 0,
  W: 0,
  "W*": 0,
  BT: 0,
  ET: 0,
  Tc: 1,
  Tw: 1,
  Tz: 1,
  TL: 1,
  Tf: 2,
  Tr: 1,
  Ts: 1,
  Td: 2,
  TD: 2,
  Tm: 6,
  "T*": 0,
  Tj: 1,
  TJ: 1,
  "'": 1,
  '"': 3,
  d0: 2,
  d1: 6,
  CS: 1,
  cs: 1,
  SC: -1,
  SCN: -1,
  sc: -1,
  scn: -1,
  G: 1,
  g: 1,
  RG: 3,
  rg: 3,
  K: 4,
  k: 4,
  sh: 1,
  Do: 1,
  MP: 1,
  DP: 2,
  BMC: 1,
  BDC: 2,
  EMC: 0,
  BX: 0,
  EX: 0,
};

export type OperatorHandler = (op: string, args: PdfObject[]) => void;

/** Calls `handle` for each operator of the stream, in order. */
export function readOperators(data: Uint8Array, handle: OperatorHandler): void {
  const lexer = new Lexer(data);
  let args: PdfObject[] = [];
  for (;;) {
    const token = lexer.next();
    if (token === EOF) break;
    if (token instanceof Cmd && token.cmd !== "[" && token.cmd !== "<<") {
      const op = token.cmd;
      const count = ARGS[op];
      if (count === undefined) {
        if (op === "BI") doubt("inline image");
        if (op === "true" || op === "false" || op === "null") {
          args.push(op === "true" ? true : op === "false" ? false : null);
          continue;
        }
        doubt(`unknown operator ${op}`);
      }
      if (count >= 0 ? args.length !== count : args.length > 33)
        doubt(`operator ${op} with ${args.length} operands`);
      handle(op, args);
      args = [];
      continue;
    }
    args.push(readObject(lexer, token, false));
    if (args.length > 33) doubt("too many operands");
  }
  if (args.length > 0) doubt("operands left at the end of the stream");
}
