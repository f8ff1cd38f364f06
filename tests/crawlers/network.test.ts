// Network failures are their own class, never a robots refusal, and a crawl that reached nothing of a
// source says "network" and exits non-zero (a cron job must notice a dead connection). Closed ports
// on 127.0.0.1 stand for an unreachable portal; no test here touches the internet.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { crawl } from "../../crawlers/crawler.js";
import { classify } from "../../crawlers/http/fetch-once.js";
import { unreachableSources } from "../../crawlers/summary.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { runCli } from "../cli/run.js";
import { FAST, frontierRows, tempStore, type TempStore } from "./helpers.js";

/** A port that nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let ports: number[];
let temp: TempStore;

before(async () => {
  ports = [await closedPort(), await closedPort()];
  temp = tempStore();
});

after(() => temp.cleanup());

describe("network failures", () => {
  test("socket errors are classified: dns, refused, reset, tls, timeout", () => {
    const err = (code: string, message = "x") => Object.assign(new Error(message), { code });
    assert.equal(classify(err("ENOTFOUND"), false, 1000).reason, "dns");
    assert.equal(classify(err("EAI_AGAIN"), false, 1000).reason, "dns");
    assert.equal(classify(err("ECONNREFUSED"), false, 1000).reason, "refused");
    assert.equal(classify(err("ECONNRESET"), false, 1000).reason, "reset");
    assert.equal(classify(err("UND_ERR_SOCKET", "other side closed"), false, 1000).reason, "reset");
    assert.equal(classify(err("DEPTH_ZERO_SELF_SIGNED_CERT"), false, 1000).reason, "tls");
    assert.equal(classify(err("ERR_SSL_WRONG_VERSION_NUMBER"), false, 1000).reason, "tls");
    assert.equal(classify(err("UND_ERR_CONNECT_TIMEOUT"), false, 1000).reason, "timeout");
    // undici wraps the socket error: the code is on `cause`.
    const wrapped = Object.assign(new TypeError("fetch failed"), { cause: err("ENOTFOUND") });
    assert.equal(classify(wrapped, false, 1000).reason, "dns");
  });

  test("a crawl of closed ports records network: refused (not robots), after its retries", async () => {
    const sources = ports.map((port, i) => ({
      id: `closed-${i}`,
      name: `closed port ${port}`,
      entries: [`http://127.0.0.1:${port}/zfxxgk/zfxxgknb/`],
      allowedHosts: [],
    }));
    const failed: { error: string; detail?: string; willRetry: boolean }[] = [];
    const result = await crawl(
      temp.target,
      sources,
      { ...FAST, maxAttempts: 2 },
      {
        onEvent: (e) => {
          if (e.type === "failed") failed.push(e);
        },
      },
    );
    const rows = frontierRows(temp.state);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.status, "failed");
      assert.equal(row.error, "network: refused");
      assert.equal(row.attempts, 2, "retried once, then recorded");
    }
    assert.equal(failed.length, 4);
    for (const event of failed) {
      assert.equal(event.error, "network: refused");
      assert.match(event.detail ?? "", /ECONNREFUSED/, "the log line carries the socket error");
    }
    assert.deepEqual(
      unreachableSources(result.summary).map((s) => s.sourceId),
      ["closed-0", "closed-1"],
    );
    for (const s of result.summary) assert.deepEqual(s.failures, { "network: refused": 1 });
  });

  test("`nianbao crawl` of closed ports exits with EXIT.NETWORK and says network, not robots", async () => {
    const db = `${temp.dir}/cli.db`;
    const { code, stdout, stderr } = await runCli([
      "crawl",
      "--db",
      db,
      "--delay",
      "10",
      "--retries",
      "0",
      "--contact",
      "tests@nianbao.invalid",
      ...ports.flatMap((p) => ["--url", `http://127.0.0.1:${p}/xxgk/xxgknb/`]),
    ]);
    assert.equal(code, EXIT.NETWORK, stderr);
    assert.match(stderr, /nianbao: crawl: network: 2 of 2 sources reached nothing \(network: refused\)/);
    assert.doesNotMatch(stdout + stderr, /"error":"robots"|robots×/);
    assert.match(stdout, /NOT REACHED/);
  });
});
