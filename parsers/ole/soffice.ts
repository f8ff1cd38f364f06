// LibreOffice headless as a converter (DOC/WPS → DOCX, HTML → PDF for fixtures). One
// conversion at a time: an in-process queue plus a lock directory shared by processes, because
// soffice instances sharing a profile collide. The profile is private to nianbao, each run has
// a timeout that kills the whole process group, and temporary files are always removed.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ParseError } from "../errors.js";

export const INSTALL_HINT =
  "install LibreOffice to read DOC/WPS files: apt-get install --no-install-recommends libreoffice-writer " +
  "(Debian/Ubuntu), or set NIANBAO_SOFFICE to the soffice binary";

const DEFAULT_TIMEOUT_MS = 60_000;
const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

/** The soffice binary: NIANBAO_SOFFICE, then PATH, then the usual install places. */
export function findSoffice(): string | null {
  const configured = process.env.NIANBAO_SOFFICE;
  if (configured) return existsSync(configured) ? configured : null;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export interface ConvertOptions {
  /** Extension given to the input file (soffice also sniffs the content). */
  inputExtension: string;
  /** The --convert-to argument, e.g. "docx:MS Word 2007 XML" or "pdf". */
  convertTo: string;
  /** Extension of the file soffice writes. */
  outputExtension: string;
  /** An import filter, e.g. "HTML (StarWriter)" to read HTML with Writer rather than Writer/Web. */
  inputFilter?: string;
  timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

/** Converts a document with LibreOffice; conversions run one at a time, across processes too. */
export function convertWithSoffice(input: Uint8Array, options: ConvertOptions): Promise<Uint8Array> {
  const run = queue.then(() =>
    withLock(() => convertNow(input, options), options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function convertNow(input: Uint8Array, options: ConvertOptions): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice)
    throw new ParseError("converter_missing", `LibreOffice (soffice) was not found; ${INSTALL_HINT}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const work = await mkdtemp(join(tmpdir(), "nianbao-convert-"));
  try {
    const inputPath = join(work, `input.${options.inputExtension}`);
    const outDir = join(work, "out");
    await writeFile(inputPath, input);
    await mkdir(outDir);
    const args = [
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      "--nofirststartwizard",
      `-env:UserInstallation=${pathToFileURL(profileDir()).href}`,
      ...(options.inputFilter ? [`--infilter=${options.inputFilter}`] : []),
      "--convert-to",
      options.convertTo,
      "--outdir",
      outDir,
      inputPath,
    ];
    const { code, output } = await runProcess(soffice, args, timeoutMs);
    const produced = (await readdir(outDir)).find((name) => name.endsWith(`.${options.outputExtension}`));
    if (!produced) {
      const reason = output.trim().split("\n").slice(-2).join(" ").slice(0, 300) || `exit code ${code}`;
      throw new ParseError("converter_failed", `LibreOffice could not convert the document (${reason})`);
    }
    return new Uint8Array(await readFile(join(outDir, produced)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A profile kept between runs (first start of a fresh profile costs about half a second). */
function profileDir(): string {
  return join(tmpdir(), `nianbao-soffice-profile-${process.getuid?.() ?? "user"}`);
}

function runProcess(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills soffice.bin and its helpers, not only the wrapper script.
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new ParseError("timeout", `LibreOffice did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new ParseError("converter_failed", `LibreOffice could not be started: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

const LOCK_DIR = join(tmpdir(), "nianbao-soffice.lock");

/** mkdir is atomic: whoever creates the directory holds the lock. A lock older than the timeout is stale. */
async function withLock<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const waitUntil = Date.now() + timeoutMs * 2;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (isStale(LOCK_DIR, timeoutMs * 2)) {
        await rmdir(LOCK_DIR).catch(() => undefined);
        continue;
      }
      if (Date.now() > waitUntil) {
        throw new ParseError("timeout", "another LibreOffice conversion held the lock for too long");
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(LOCK_DIR).catch(() => undefined);
  }
}

function isStale(path: string, ageMs: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ageMs;
  } catch {
    return false;
  }
}

let cachedVersion: Promise<string | null> | undefined;

/** "LibreOffice 7.4.7.2 …" for provenance, or null when soffice is missing. */
export function sofficeVersion(): Promise<string | null> {
  cachedVersion ??= (async () => {
    const soffice = findSoffice();
    if (!soffice) return null;
    const { output } = await runProcess(soffice, ["--version"], 20_000).catch(() => ({ output: "" }));
    return output.trim().split("\n")[0] || null;
  })();
  return cachedVersion;
}
