// The documents named on a command line: files as given, folders walked recursively in a stable
// order, hidden entries (dotfiles, .git) skipped. Inside a folder, a symbolic link to a file is
// followed; a link to a folder (a loop, or a tree elsewhere), a broken link and anything that is not
// a regular file (a named pipe, a device, a socket) are listed with the reason they are not read,
// never skipped without a word.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

export interface ListedFile {
  path: string;
  /** Why the path cannot be read, when it cannot. */
  error?: string;
}

/** `skip`: files never to list, such as the store's own database files inside an ingested folder. */
export async function listDocumentFiles(
  paths: readonly string[],
  skip: readonly string[] = [],
): Promise<ListedFile[]> {
  const skipped = new Set(skip.map((p) => resolve(p)));
  return (await listAll(paths)).filter((f) => !skipped.has(resolve(f.path)));
}

async function listAll(paths: readonly string[]): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) files.push(...(await walk(path)));
      else files.push({ path });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      files.push({ path, error: code === "ENOENT" ? "no such file or folder" : (error as Error).message });
    }
  }
  return files;
}

async function walk(dir: string): Promise<ListedFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: ListedFile[] = [];
  const names = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // A browser's "save page complete" folder (page_files/ beside page.html) holds the page's
    // images, read with the page (src/ingest/page-images.ts), not reports of their own.
    if (entry.isDirectory() && isSavedPageFolder(entry.name, names)) continue;
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push({ path });
    else files.push(await special(entry, path));
  }
  return files;
}

/** A folder entry that is neither a folder nor a regular file. */
async function special(entry: Dirent, path: string): Promise<ListedFile> {
  if (!entry.isSymbolicLink()) return { path, error: `is ${kind(entry)}, not a document file; not read` };
  const target = await stat(path).catch(() => null);
  if (!target) return { path, error: "a broken symbolic link; not read" };
  if (target.isFile()) return { path };
  if (target.isDirectory())
    return { path, error: "a symbolic link to a folder; not followed (name the folder itself to ingest it)" };
  return { path, error: "a symbolic link to something that is not a document file; not read" };
}

function kind(entry: Dirent): string {
  if (entry.isFIFO()) return "a named pipe";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  if (entry.isSocket()) return "a socket";
  return "not a regular file";
}

function isSavedPageFolder(name: string, siblings: Set<string>): boolean {
  const page = /^(.+)_files$/.exec(name)?.[1];
  return page !== undefined && [".html", ".htm", ".shtml", ".xhtml"].some((ext) => siblings.has(page + ext));
}
