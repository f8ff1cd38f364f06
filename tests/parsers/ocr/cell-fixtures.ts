// Cell pictures cut by the page reader from degraded scans of real reports
// (tests/fixtures/scans/cells/NAME.png), as the PGM bytes the OCR engine is given.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { pgmBytes } from "../../../parsers/ocr/cell-sign.js";

export async function cellPicture(name: string): Promise<Uint8Array> {
  const file = fileURLToPath(new URL(`../../fixtures/scans/cells/${name}.png`, import.meta.url));
  const { data, info } = await sharp(readFileSync(file))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return pgmBytes({ width: info.width, height: info.height, data: new Uint8Array(data) });
}
