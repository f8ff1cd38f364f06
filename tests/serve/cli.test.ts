// `nianbao serve` as a command, run in-process through main(): it prints the URL it listens on
// (127.0.0.1 by default), serves, and stops cleanly on SIGTERM; a missing database or a bad port is
// a clear error with the right exit code.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { EXIT } from "../../src/cli/exit-codes.js";
import { main } from "../../src/cli/main.js";
import { buildFixtureStore } from "./fixture-store.js";

const dir = mkdtempSync(join(tmpdir(), "nianbao-serve-cli-"));
const dbPath = join(dir, "nianbao.db");

function streams() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let errText = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (errText += chunk.toString()));
  return { stdout, stderr, out: () => out, err: () => errText };
}

describe("nianbao serve (the command)", () => {
  before(async () => {
    await buildFixtureStore(dbPath, { bodies: 1, from: 2022, to: 2023 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints its URL on 127.0.0.1, serves, and stops on SIGTERM", async () => {
    const io = streams();
    const running = main(["node", "nianbao", "serve", "--db", dbPath, "--port", "0"], io);
    let url = "";
    for (let i = 0; i < 200 && !url; i++) {
      url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1] ?? "";
      if (!url) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.ok(url, `URL printed: ${io.out()}${io.err()}`);
    assert.match(io.out(), /read-only/);
    assert.equal(io.err(), "", "no warning on loopback");
    const response = await fetch(url);
    assert.equal(response.status, 200);
    await response.text();
    process.emit("SIGTERM");
    assert.equal(await running, EXIT.OK);
  });

  it("says so when the database is missing or the port is not a port", async () => {
    const missing = streams();
    const code = await main(
      ["node", "nianbao", "serve", "--db", join(dir, "none.db"), "--port", "0"],
      missing,
    );
    assert.equal(code, EXIT.STORE);
    assert.match(missing.err(), /cannot open .*none\.db/);
    const badPort = streams();
    assert.equal(
      await main(["node", "nianbao", "serve", "--db", dbPath, "--port", "http"], badPort),
      EXIT.USAGE,
    );
    assert.match(badPort.err(), /--port: "http" is not a port number/);
  });
});
