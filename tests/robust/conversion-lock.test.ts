// The LibreOffice conversion lock after a kill: the next conversion finds the owner dead, takes the
// lock at once (it stalled two minutes before) and removes the dead owner's temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../../parsers/ole/soffice.js";
import { projectRoot } from "../../src/paths.js";
import { tempDir } from "../store/helpers/fixtures.js";

test("a conversion killed while holding the lock: the next one takes it at once and cleans up", async () => {
  const { dir, cleanup } = tempDir();
  const lock = join(dir, "soffice.lock");
  try {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(projectRoot, "tests/robust/helpers/lock-holder-child.ts"), lock],
      { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
    );
    const work = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /held (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", () => reject(new Error(`the child ended before taking the lock: ${out}`)));
    });
    assert.equal(readFileSync(join(lock, "owner"), "utf8").trim(), String(child.pid));
    // While the owner lives, the lock is waited for.
    const waited = await withLock(async () => "took", 50, lock).catch((error: Error) => error.message);
    assert.match(waited, /held the lock for too long/);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    assert.ok(existsSync(work), "the dead owner's temporary folder is still there");
    const started = Date.now();
    assert.equal(await withLock(async () => "took", 60_000, lock), "took");
    assert.ok(Date.now() - started < 2000, `taken over in ${Date.now() - started} ms`);
    assert.equal(existsSync(work), false, "the dead owner's temporary folder was removed");
    assert.equal(existsSync(lock), false, "released after the conversion");
  } finally {
    cleanup();
  }
});
