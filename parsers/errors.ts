// Errors for documents that cannot be read at all (as opposed to a report whose tables are
// incomplete, which is a ParseResult with issues).
export type ParseErrorCode =
  | "empty"
  | "too_large"
  | "unsupported_format"
  | "encrypted"
  | "corrupt"
  | "converter_missing"
  | "converter_failed"
  | "timeout";

export class ParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ParseError";
  }
}
