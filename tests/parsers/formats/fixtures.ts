// Paths and bytes of the hand-written front-end fixtures (tests/fixtures/formats).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/formats");

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}
