// A bound on what a PDF's compressed streams inflate to, checked before pdf.js opens the file:
// pdf.js inflates a content stream whole, so one 1 MB stream of deflated blanks becomes 1 GB of
// memory and half a minute of lexing. Each /FlateDecode stream that is not an image is inflated
// here with zlib's `maxOutputLength` (it stops at the bound instead of growing), and a stream that
// passes the bound refuses the document. Streams too short to pass it are not inflated. Images are left to pdf.js, which decodes only the
// width × height × components bytes their dictionary declares.
import { inflateSync, constants } from "node:zlib";
import { ParseError } from "../errors.js";
import { rawStreams } from "./raw-streams.js";

/** A page's content stream in a real report is 10–500 KB; fonts and object streams a few MB. */
export const MAX_INFLATED_STREAM_BYTES = 32 * 1024 * 1024;
/** All non-image streams together: a 300-page compiled volume stays far below. */
export const MAX_INFLATED_TOTAL_BYTES = 256 * 1024 * 1024;

/** Deflate cannot expand data more than 1032 times: a stream this small cannot pass the bound. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Bytes found within the bounds, and which: a document is checked on each path that may open it
 * (the scan test, the fast reader, pdf.js when the fast reader doubts), and the check is not free
 * (fonts and object streams are inflated to count them).
 */
const withinBounds = new WeakMap<Uint8Array, string>();

/** Throws ParseError "too_large" when a non-image Flate stream inflates past the bounds. */
export function checkStreamBounds(
  bytes: Uint8Array,
  maxStream = MAX_INFLATED_STREAM_BYTES,
  maxTotal = MAX_INFLATED_TOTAL_BYTES,
): void {
  const bounds = `${maxStream}/${maxTotal}`;
  if (withinBounds.get(bytes) === bounds) return;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let exact = false;
  const skipped: Buffer[] = [];
  for (const { data } of rawStreams(buffer, isFlateNonImage)) {
    // A stream too short to pass the bounds is not inflated while the worst cases of all such streams
    // stay under the total bound (most reports: the check then costs a scan of the bytes). Past that,
    // worst cases would refuse a long real volume of many small streams: sizes are then counted
    // exactly, those of the streams skipped so far included.
    const worst = data.length * MAX_DEFLATE_RATIO;
    if (!exact && worst <= maxStream && total + worst <= maxTotal) {
      total += worst;
      skipped.push(data);
      continue;
    }
    if (!exact) {
      exact = true;
      total = skipped.reduce((sum, skippedData) => sum + inflatedSize(skippedData, maxStream + 1), 0);
    }
    const inflated = inflatedSize(data, Math.min(maxStream, maxTotal - total) + 1);
    total += inflated;
    if (inflated > maxStream || total > maxTotal) {
      const limit = inflated > maxStream ? maxStream : maxTotal;
      throw new ParseError(
        "too_large",
        `a compressed stream of the PDF inflates past ${limit / 1024 / 1024} MB (a decompression bomb?); refused`,
      );
    }
  }
  withinBounds.set(bytes, bounds);
}

function isFlateNonImage(dict: string): boolean {
  return /\/(FlateDecode|Fl)\b/.test(dict) && !/\/Subtype\s*\/Image\b/.test(dict);
}

/** Bytes the data inflates to, counted up to `limit` (zlib stops there); 0 when it is not zlib data. */
function inflatedSize(data: Buffer, limit: number): number {
  try {
    // Z_SYNC_FLUSH: a stream cut short still yields what it holds, as pdf.js reads it.
    return inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return limit;
    return 0; // damaged data: pdf.js decides what to make of it
  }
}
