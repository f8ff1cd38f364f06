// The images of a saved HTML report, read from the folder beside the file (a browser's "save page
// complete" writes page.html and page_files/): what `nianbao parse page.html` and `nianbao ingest`
// hand to the parser with the page. The page is hostile input: only relative references that
// resolve inside the page's own folder (symbolic links resolved too) and name regular files of
// bounded size are read, at most MAX_DOCUMENT_RESOURCES of them; every other content image is
// handed over with the reason it was not read, so the parse says so in an issue. The parser sniffs
// the bytes (a .png that is not an image is reported there).
import { realpath } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { readDocumentFile, reportImageRefs } from "../../parsers/index.js";
import { MAX_DOCUMENT_RESOURCES, MAX_RESOURCE_BYTES, type DocumentResource } from "../model/resources.js";

/** All the images of one page together (a report's tables as PNG take a few MB). */
const MAX_TOTAL_BYTES = 4 * MAX_RESOURCE_BYTES;

/**
 * The report images of the HTML page at `path` (bytes already read), from the page's folder; []
 * for a page without content images or a document that is not HTML.
 */
export async function imagesBesidePage(path: string, bytes: Uint8Array): Promise<DocumentResource[]> {
  const refs = await reportImageRefs(bytes);
  if (refs.length === 0) return [];
  const folder = dirname(resolve(path));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return [];
  }
  const resources: DocumentResource[] = [];
  let total = 0;
  for (const ref of refs.slice(0, MAX_DOCUMENT_RESOURCES)) {
    const found = await readBeside(realFolder, ref, MAX_TOTAL_BYTES - total);
    if (found.bytes) total += found.bytes.length;
    resources.push(found);
  }
  return resources;
}

async function readBeside(folder: string, ref: string, budget: number): Promise<DocumentResource> {
  const refused = (error: string): DocumentResource => ({ ref, url: ref, error });
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//"))
    return refused("not a file beside the page (parse reads images saved with it; crawl fetches them)");
  const local = fileReference(ref);
  if (local === null) return refused("not a relative path inside the page's folder");
  const target = resolve(folder, local);
  if (!inside(folder, target)) return refused("outside the page's folder");
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return refused("no such file beside the page");
  }
  // A symbolic link may point anywhere: what it points to must be inside the folder too.
  if (!inside(folder, real)) return refused("outside the page's folder");
  const limit = Math.min(MAX_RESOURCE_BYTES, budget);
  try {
    const bytes = await readDocumentFile(real, limit);
    return { ref, url: relative(folder, real), bytes };
  } catch (error) {
    const message = (error as Error).message;
    if ((error as { code?: string }).code === "too_large")
      return refused(`larger than ${Math.round(limit / 1024 / 1024)} MB`);
    return refused(message);
  }
}

/** The reference as a relative file path (query and fragment dropped, percent-escapes decoded), or null. */
function fileReference(ref: string): string | null {
  const path = ref.split(/[?#]/)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  if (!decoded || decoded.includes("\0") || isAbsolute(decoded) || /^[\\/]/.test(decoded)) return null;
  return decoded.replace(/\\/g, "/");
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}
