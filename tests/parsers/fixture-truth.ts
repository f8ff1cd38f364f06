// The expected result of a committed fixture document (NAME.truth.json beside it, written by
// scripts/fixtures/build.ts): the same shape as a corpus truth file.
import { readFileSync } from "node:fs";

export interface FixtureTruth {
  agency: string;
  year: number;
  values: Record<string, number>;
}

export function readTruth(path: string): FixtureTruth {
  return JSON.parse(readFileSync(path, "utf8")) as FixtureTruth;
}
