// LibreOffice headless as a converter (DOC/WPS → DOCX, HTML → PDF for fixtures). One
// conversion at a time: an in-process queue plus a lock directory shared by processes, because
// soffice instances sharing a profile collide. The profile is private to nianbao, each run has
// a timeout that kills the whole process group, and temporary files are always removed.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
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
  // The pid in the name lets the next conversion remove this folder if this process is killed.
  const work = await mkdtemp(join(tmpdir(), `nianbao-convert-${process.pid}-`));
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
    if (args[0] !== "--version") void recordChild(child.pid);
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
const OWNER_FILE = "owner";
/** A lock directory without an owner file yet is being taken; past this age, its taker died. */
const UNOWNED_GRACE_MS = 5_000;

/**
 * One conversion at a time across processes. mkdir is atomic: whoever creates the directory holds
 * the lock, and writes its pid in it (as the crawl lock does). A waiter that finds the owner dead (a
 * kill during a conversion) takes the lock over at once, kills the dead owner's soffice and removes
 * its temporary folder; a live owner is waited for, up to twice the conversion timeout.
 */
export async function withLock<T>(work: () => Promise<T>, timeoutMs: number, lockDir = LOCK_DIR): Promise<T> {
  const waitUntil = Date.now() + timeoutMs * 2;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, OWNER_FILE), `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await takeOverDeadOwner(lockDir)) continue;
      if (Date.now() > waitUntil) {
        throw new ParseError("timeout", "another LibreOffice conversion held the lock for too long");
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

interface LockOwner {
  pid: number;
  child?: number;
}

async function readOwner(lockDir: string): Promise<LockOwner | null> {
  const text = await readFile(join(lockDir, OWNER_FILE), "utf8").catch(() => null);
  if (text === null) return null;
  const [pid, child] = text.split("\n").map((line) => Number(line.trim()));
  return pid ? { pid, ...(child ? { child } : {}) } : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the lock was left by a dead process and has been cleared (the caller retries mkdir). */
async function takeOverDeadOwner(lockDir: string): Promise<boolean> {
  const owner = await readOwner(lockDir);
  if (owner ? isAlive(owner.pid) : !isOlderThan(lockDir, UNOWNED_GRACE_MS)) return false;
  // Renamed aside first: of two waiters that both saw the dead owner, one clears it, and neither
  // removes a lock the other has taken since.
  const aside = `${lockDir}.dead-${process.pid}-${Date.now()}`;
  try {
    await rename(lockDir, aside);
  } catch {
    return true; // another waiter cleared it; try to take it
  }
  const moved = await readOwner(aside);
  if (moved && owner && moved.pid !== owner.pid) {
    // A live lock taken in between: put it back (if nobody else has taken the name meanwhile).
    await rename(aside, lockDir).catch(() => undefined);
    return false;
  }
  await rm(aside, { recursive: true, force: true });
  if (owner) {
    killGroup(owner.child);
    await removeLeftovers(owner.pid);
  }
  return true;
}

/** The temporary folders a dead process left (they carry its pid in their name). */
async function removeLeftovers(pid: number): Promise<void> {
  const prefix = `nianbao-convert-${pid}-`;
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix))
      .map((name) => rm(join(tmpdir(), name), { recursive: true, force: true })),
  );
}

function isOlderThan(path: string, ageMs: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ageMs;
  } catch {
    return false;
  }
}

/** Records the running soffice in the lock, so a waiter that finds this process dead can kill it. */
async function recordChild(pid: number | undefined, lockDir = LOCK_DIR): Promise<void> {
  if (pid !== undefined)
    await writeFile(join(lockDir, OWNER_FILE), `${process.pid}\n${pid}\n`).catch(() => undefined);
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
