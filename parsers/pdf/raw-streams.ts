// A PDF's streams found by a plain scan of its bytes (no xref, no parser): for the checks that must
// run before pdf.js opens a file (the inflation bound, the scan test). Each stream's dictionary is
// the text just before its `stream` keyword, which must follow the dictionary's `>>`.

const STREAM = Buffer.from("stream");
const END_STREAM = Buffer.from("endstream");
/** How far back from `stream` a stream's dictionary is looked for. */
const DICT_LOOKBACK = 1024;

export interface RawStream {
  /** The dictionary's text, from its object's `obj` keyword when that is near. */
  dict: string;
  /** The stream's bytes as stored (still encoded). */
  data: Buffer;
}

/**
 * Every stream of the file that `wanted` takes (by its dictionary), in file order; a wanted stream
 * with no `endstream` ends the scan. The scan goes on right after the `stream` keyword of a stream
 * not wanted, never past its body: a body whose `endstream` is missing must not hide the streams
 * after it (the inflation bound would skip a bomb hidden that way).
 */
export function* rawStreams(
  buffer: Buffer,
  wanted: (dict: string) => boolean = () => true,
): Generator<RawStream> {
  let from = 0;
  for (;;) {
    const at = buffer.indexOf(STREAM, from);
    if (at === -1) return;
    from = at + STREAM.length;
    // `endstream` contains `stream`; only a keyword after a dictionary's `>>` opens a stream.
    if (at >= 3 && buffer.toString("latin1", at - 3, at) === "end") continue;
    const dict = dictionaryBefore(buffer, at);
    if (dict === undefined || !wanted(dict)) continue;
    let start = from;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    const end = buffer.indexOf(END_STREAM, start);
    if (end === -1) return;
    from = end + END_STREAM.length;
    yield { dict, data: buffer.subarray(start, end) };
  }
}

function dictionaryBefore(buffer: Buffer, at: number): string | undefined {
  let i = at - 1;
  while (i >= 0 && (buffer[i] === 0x20 || buffer[i] === 0x0a || buffer[i] === 0x0d || buffer[i] === 0x09))
    i--;
  if (i < 1 || buffer[i] !== 0x3e || buffer[i - 1] !== 0x3e) return undefined;
  const head = buffer.toString("latin1", Math.max(0, i - DICT_LOOKBACK), i + 1);
  const open = head.lastIndexOf(" obj");
  return open === -1 ? head : head.slice(open);
}
