// Reading a document file with a bound: the file is opened without blocking (a FIFO named .pdf
// would otherwise wait forever for a writer), refused unless it is a regular file (/dev/zero,
// /dev/urandom, sockets, folders), refused when larger than the limit before a byte is read, and
// read only up to the size it had when opened (a file that grows while being read is cut there).
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { ParseError } from "./errors.js";

/** Larger inputs are refused: no real report comes close, and the DOM of a bigger page eats gigabytes. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A file that cannot be read as a document: the message is one line meant for the user. */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
    /** "too_large" is a property of the document (recorded like a parse failure); the rest are of the path. */
    readonly code: "not_found" | "not_a_file" | "too_large" | "unreadable",
  ) {
    super(message);
    this.name = "InputFileError";
  }
}

const FS_MESSAGES: Record<string, string> = {
  ENOENT: "no such file",
  ENOTDIR: "no such file (a part of the path is not a folder)",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EIO: "input/output error",
  EISDIR: "is a folder",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "read-only file system",
};

/** Words for a file-system error, or undefined when it is not one. */
export function describeFsError(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? FS_MESSAGES[code] : undefined;
}

export function tooLargeError(bytes: number, maxBytes: number): ParseError {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  return new ParseError(
    "too_large",
    `the document is ${megabytes} MB; the limit is ${maxBytes / 1024 / 1024} MB`,
  );
}

/** What a non-regular file is, in words. */
function kindOf(stats: import("node:fs").Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws InputFileError (not found, not a
 * regular file, unreadable) or ParseError "too_large"; never reads more than `maxBytes`.
 */
export async function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<Uint8Array> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise block until a writer comes.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new InputFileError(path, "is a folder, not a document", "not_a_file");
    throw new InputFileError(
      path,
      describeFsError(error) ?? (error as Error).message,
      code === "ENOENT" || code === "ENOTDIR" ? "not_found" : "unreadable",
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new InputFileError(path, `is ${kindOf(stats)}, not a document file`, "not_a_file");
    if (stats.size > maxBytes) throw tooLargeError(stats.size, maxBytes);
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // the file shrank while being read
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof InputFileError || error instanceof ParseError) throw error;
    throw new InputFileError(path, describeFsError(error) ?? (error as Error).message, "unreadable");
  } finally {
    await handle.close();
  }
}
