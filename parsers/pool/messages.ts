// Messages between the parse pool and its worker threads (structured clone, no classes).
import type { ParseResult } from "../../src/model/contract.js";
import type { ParseErrorCode } from "../errors.js";
import type { ParseOptions } from "../index.js";

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
}

export type ParseReply =
  | { id: number; result: ParseResult }
  | {
      id: number;
      error:
        { name: "ParseError"; code: ParseErrorCode; message: string } | { name: "Error"; message: string };
    };
