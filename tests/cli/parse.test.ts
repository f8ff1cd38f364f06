// `nianbao parse` end to end on real files: in-process through main(argv), and the real entry point
// in a child process for what only a process shows (its exit status, a closed pipe).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli, spawnCli, type CliRun } from "./run.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURES = join(ROOT, "tests/fixtures/formats");
const fixture = (name: string) => join(FIXTURES, name);
const fixtureBytes = (name: string) => readFileSync(fixture(name));
const scratch = mkdtempSync(join(tmpdir(), "nianbao-parse-cli-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `nianbao parse ARGS` in-process (main(argv)); `input` is its stdin. */
function nianbaoParse(args: string[], input?: Buffer | string): Promise<CliRun> {
  return runCli(["parse", ...args], input);
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function scratchFile(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** stderr must be exactly the expected one-line messages: no stack trace, no noise. */
function assertOneLineErrors(stderr: string, count: number): void {
  const lines = stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, count, stderr);
  for (const line of lines) assert.match(line, /^nianbao: .+: .+$/);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe("nianbao parse", { concurrency: 2 }, () => {
  it("prints the contract object for a GBK Word-pasted page, with --json", async () => {
    const run = await nianbaoParse([fixture("word-pasted-table3.html"), "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const [result] = jsonLines(run.stdout);
    assert.deepEqual(Object.keys(result!).slice(0, 5), ["agency", "year", "template", "values", "issues"]);
    assert.equal(result!.format, "html");
    assert.equal(result!.template, "2021");
    const values = result!.values as Record<string, number>;
    assert.equal(values["t3.new.total"], 13);
    assert.equal(values["t3.denied.enforcement.natural"], 1);
    assert.equal(values["t3.carried_forward.total"], 2);
    assert.equal(result!.sources, undefined, "provenance only when asked");
  });

  it("adds provenance with --provenance", async () => {
    const run = await nianbaoParse([fixture("tab-separated.txt"), "--json", "--provenance"]);
    assert.equal(run.code, 0, run.stderr);
    const [result] = jsonLines(run.stdout);
    const sources = result!.sources as Record<string, { raw: string; loc?: { line?: number } }>;
    assert.equal(sources["t2.normative.in_force"]?.raw, "12");
    assert.equal(sources["t2.normative.in_force"]?.loc?.line, 8);
  });

  it("prints JSON Lines for several documents, in argument order", async () => {
    const files = [fixture("tab-separated.txt"), fixture("pipe-tables.md"), fixture("one-cell-per-line.txt")];
    const run = await nianbaoParse([...files, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const results = jsonLines(run.stdout);
    assert.deepEqual(
      results.map((r) => [r.file, r.format]),
      [
        [files[0], "text"],
        [files[1], "markdown"],
        [files[2], "text"],
      ],
    );
  });

  it("picks the format from the content, not the file name", async () => {
    const named = scratchFile("report-2023.pdf", fixtureBytes("tab-separated.txt"));
    const run = await nianbaoParse([named, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonLines(run.stdout)[0]!.format, "text");
  });

  it("reads one document from stdin given -", async () => {
    const run = await nianbaoParse(
      ["-", "--json"],
      Buffer.from("\uFEFF" + "某县商务局2023年政府信息公开工作年度报告\n"),
    );
    assert.equal(run.code, 0, run.stderr);
    const [result] = jsonLines(run.stdout);
    assert.equal(result!.file, "-");
    assert.equal(result!.format, "text");
  });

  it("reads standard input once per run: a second - in the same run fails, the next run reads its own", async () => {
    const input = fixtureBytes("tab-separated.txt");
    const twice = await nianbaoParse(["-", "-", "--json"], input);
    assert.equal(twice.code, 1);
    assert.equal(jsonLines(twice.stdout).length, 1);
    assertOneLineErrors(twice.stderr, 1);
    assert.match(twice.stderr, /\(stdin\): standard input was already read/);
    const again = await nianbaoParse(["-", "--json"], input);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(jsonLines(again.stdout)[0]!.format, "text");
  });

  it("answers a news page and a pre-2019 prose report with template null and an issue", async () => {
    const run = await nianbaoParse([fixture("news-page.html"), fixture("pre2019-prose.txt"), "--json"]);
    assert.equal(run.code, 0, run.stderr);
    for (const result of jsonLines(run.stdout)) {
      assert.equal(result.template, null);
      assert.deepEqual(result.values, {});
      assert.ok((result.issues as unknown[]).length > 0);
    }
  });

  it("fails an empty file and binary garbage with one line each and exit code 3", async () => {
    const empty = scratchFile("empty.html", "");
    const garbage = scratchFile(
      "report.pdf.doc",
      Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)),
    );
    const run = await nianbaoParse([empty, garbage, "--json"]);
    assert.equal(run.code, 3);
    assert.equal(run.stdout, "");
    assertOneLineErrors(run.stderr, 2);
    assert.match(run.stderr, /empty\.html: the document is empty/);
    assert.match(run.stderr, /report\.pdf\.doc: unsupported format/);
  });

  it("goes on after a failed document and ends with exit code 1 (partial)", async () => {
    const missing = join(scratch, "no-such-report.html");
    const run = await nianbaoParse([missing, fixture("tab-separated.txt"), "--json"]);
    assert.equal(run.code, 1);
    assert.equal(jsonLines(run.stdout).length, 1);
    assertOneLineErrors(run.stderr, 1);
    assert.match(run.stderr, /no-such-report\.html: no such file/);
  });

  it("prints a readable summary without --json", async () => {
    const run = await nianbaoParse([fixture("word-pasted-table3.html"), fixture("news-page.html")]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /agency\s+某县农业农村局/);
    assert.match(run.stdout, /year\s+2023/);
    assert.match(run.stdout, /template\s+2021 \(html\)/);
    assert.match(run.stdout, /figures\s+\d+ of 207/);
    assert.match(run.stdout, /template\s+none: no national tables found/);
  });

  it("refuses an endless device before reading it, with one line", async () => {
    const run = await nianbaoParse(["/dev/zero", "--json"]);
    assert.equal(run.code, 3);
    assertOneLineErrors(run.stderr, 1);
    assert.match(run.stderr, /\/dev\/zero: is a device, not a document file/);
  });

  it("exits 2 on a usage error", async () => {
    const run = await nianbaoParse([]);
    assert.equal(run.code, 2);
  });

  it("parses a 20 MB page without hanging", { timeout: 120_000 }, async () => {
    const paragraph =
      "<p>2023年，我局严格落实政府信息公开条例，主动公开政府信息。<span>统计期限自2023年1月1日起至2023年12月31日止。</span></p>\n";
    const table =
      '<table><tr><td>行政许可</td><td rowspan="3">12</td></tr><tr><td>行政处罚</td></tr></table>\n';
    const unit = paragraph.repeat(20) + table;
    const page = `<html><head><meta charset="utf-8"><title>某局2023年政府信息公开工作年度报告</title></head><body>${unit.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(unit)))}</body></html>`;
    const big = scratchFile("big.html", page);
    const run = await nianbaoParse([big, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonLines(run.stdout).length, 1);
  });
});

describe("the nianbao process", () => {
  it("exits with the run's code and keeps results on stdout, failures on stderr", async () => {
    const missing = join(scratch, "no-such-report.html");
    const run = await spawnCli(["parse", missing, fixture("tab-separated.txt"), "--json"]);
    assert.equal(run.code, 1);
    assert.equal(jsonLines(run.stdout).length, 1);
    assertOneLineErrors(run.stderr, 1);
    assert.match(run.stderr, /no-such-report\.html: no such file/);
  });

  it("reads standard input and exits 2 on a usage error", async () => {
    const piped = await spawnCli(["parse", "-", "--json"], { input: fixtureBytes("tab-separated.txt") });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(jsonLines(piped.stdout)[0]!.format, "text");
    const usage = await spawnCli(["parse"]);
    assert.equal(usage.code, 2);
    assert.equal(usage.stdout, "");
    assert.match(usage.stderr, /missing required argument/);
  });
});
