// The real HTML pages at hand: the shared corpus and portal samples (../shared beside the checkout,
// absent on a bare clone) and the project's own format fixtures, decoded as the parser decodes them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText } from "../../../parsers/encoding.js";
import { projectRoot } from "../../../src/paths.js";

export function realHtmlPages(): { name: string; html: string }[] {
  const dirs = [
    join(projectRoot, "..", "shared", "corpus", "docs"),
    join(projectRoot, "..", "shared", "research", "portal-samples"),
    join(projectRoot, "tests", "fixtures", "formats"),
  ];
  return dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".html"))
        .map((name) => ({
          name,
          html: decodeText(new Uint8Array(readFileSync(join(dir, name))), { html: true }).text,
        })),
    );
}
