// Reads one part out of a DOCX (a zip package) with limits against zip bombs: the entry count,
// the declared uncompressed size and the compression ratio are checked before inflating, and
// fflate inflates into a buffer of the declared size, so a lying header cannot make it grow.
import { unzipSync } from "fflate";
import { ParseError } from "../errors.js";

export interface PackageLimits {
  maxEntries: number;
  /** Largest uncompressed part read. */
  maxPartBytes: number;
  /** Largest uncompressed/compressed ratio accepted for a part. */
  maxRatio: number;
  /** Largest sum of the uncompressed parts read (when many parts are read, as OFD pages). */
  maxTotalBytes?: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 5000,
  maxPartBytes: 64 * 1024 * 1024,
  maxRatio: 200,
};

/**
 * Returns the named parts that exist (missing ones are absent from the result); `names` may be a
 * test on the entry name. `kind` names the package in messages.
 */
export function readPackageParts(
  bytes: Uint8Array,
  names: string[] | ((name: string) => boolean),
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
  kind = "DOCX",
): Map<string, Uint8Array> {
  const wanted = typeof names === "function" ? names : (name: string) => names.includes(name);
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (++entries > limits.maxEntries) {
          throw new ParseError("corrupt", `the package has more than ${limits.maxEntries} entries`);
        }
        if (!wanted(file.name)) return false;
        const ratio = file.originalSize / Math.max(1, file.size);
        if (file.originalSize > limits.maxPartBytes || ratio > limits.maxRatio) {
          throw new ParseError(
            "too_large",
            `${file.name} would inflate to ${file.originalSize} bytes (ratio ${ratio.toFixed(0)}); refused as a possible zip bomb`,
          );
        }
        total += file.originalSize;
        if (limits.maxTotalBytes !== undefined && total > limits.maxTotalBytes) {
          throw new ParseError(
            "too_large",
            `the ${kind} package's parts would inflate past ${limits.maxTotalBytes} bytes; refused as a possible zip bomb`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError("corrupt", `the ${kind} package is damaged or truncated (${reason})`);
  }
  return new Map(Object.entries(files));
}
