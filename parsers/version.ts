// Bumped whenever a parser change can alter any figure; `nianbao reparse` re-runs older reports.
export const PARSER_VERSION = "0.2.4";
