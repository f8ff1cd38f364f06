// Every error path a new user or an operator meets: the exit code the README's table gives, one
// `nianbao: …` line (never a stack trace), and nothing created or left behind by a refused command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { projectRoot } from "../../src/paths.js";
import { tempDir } from "../store/helpers/fixtures.js";
import { errorLines, nianbao, type CliResult } from "./helpers/run.js";

const corpus = join(projectRoot, "..", "shared", "corpus", "docs");
const textReport = join(corpus, "00-wolong-commerce-2023.txt");
const haveCorpus = existsSync(textReport);
const skipCorpus = haveCorpus ? false : "needs ../shared/corpus (the shared corpus beside the checkout)";

/** Exit code and exactly one `nianbao:` line on stderr, matching `message`; no stack trace. */
function refused(run: CliResult, code: number, message: RegExp): void {
  assert.equal(run.code, code, run.stderr);
  const lines = run.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr, not:\n${run.stderr}`);
  assert.match(lines[0]!, /^nianbao: /);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
}

test(
  "export: a missing folder, a folder, an unwritable path are exit 3 with one line, nothing half-written",
  { skip: skipCorpus },
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, "nianbao.db");
      const ingest = await nianbao(["ingest", "--json", join(dir, "none")]);
      assert.equal(ingest.code, 3);
      assert.equal(existsSync(db), false);
      assert.equal((await nianbao(["ingest", "--db", db, textReport])).code, 0);
      refused(
        await nianbao(["export", "csv", "--db", db, "--out", join(dir, "missing", "x.csv")]),
        3,
        /--out .*x\.csv: the folder .*missing does not exist/,
      );
      refused(
        await nianbao(["export", "jsonl", "--db", db, "--out", dir]),
        3,
        /is a folder; give a file name/,
      );
      mkdirSync(join(dir, "ro"));
      // Root ignores permissions: a file name under a regular file is unwritable for everyone.
      writeFileSync(join(dir, "ro", "file"), "");
      refused(
        await nianbao(["export", "csv", "--db", db, "-o", join(dir, "ro", "file", "x.csv")]),
        3,
        /is not a folder/,
      );
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith(".partial")),
        [],
      );
      const ok = await nianbao(["export", "csv", "--db", db, "-o", join(dir, "out.csv")]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(readFileSync(join(dir, "out.csv"), "utf8"), /卧龙区/);
    } finally {
      cleanup();
    }
  },
);

test("check, reparse and export refuse a --db that is not there (exit 4) and create nothing", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const typo = join(dir, "typo.db");
    for (const command of [["check"], ["reparse"], ["export", "csv"]]) {
      const run = await nianbao([...command, "--db", typo]);
      refused(run, 4, /typo\.db/);
      assert.deepEqual(readdirSync(dir), [], `${command[0]} left no file behind`);
    }
  } finally {
    cleanup();
  }
});

test("usage errors are one line (exit 2); --version prints the package version", async () => {
  refused(await nianbao(["ingest", "--bogus"]), 2, /unknown option '--bogus'.*nianbao --help/);
  refused(await nianbao(["nosuchcommand"]), 2, /unknown command 'nosuchcommand'/);
  refused(await nianbao(["export"]), 2, /missing required argument/);
  const version = await nianbao(["--version"]);
  assert.equal(version.code, 0);
  const { version: expected } = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    version: string;
  };
  assert.equal(version.stdout.trim(), expected);
});

test("a missing input is exit 3: ingest, parse, sources list/check", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, "nianbao.db");
    refused(
      await nianbao(["ingest", "--db", db, "/nonexistent"]),
      3,
      /\/nonexistent: no such file or folder/,
    );
    assert.equal(existsSync(db), false, "no store created for a command that did nothing");
    refused(await nianbao(["parse", "/nonexistent.pdf"]), 3, /no such file/);
    refused(await nianbao(["sources", "list", "--file", "/nonexistent.json"]), 3, /no such sources file/);
    refused(await nianbao(["sources", "check", "--file", "/nonexistent.json"]), 3, /no such sources file/);
    writeFileSync(join(dir, "bad.json"), '{"version": 1, "sources": [{"id": 3}]}');
    const bad = await nianbao(["sources", "list", "--file", join(dir, "bad.json")]);
    assert.equal(bad.code, 3);
    assert.equal(errorLines(bad.stderr).length, 1, bad.stderr);
  } finally {
    cleanup();
  }
});

test("a DOCX declaring an external entity is refused as input (exit 3), never read", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const xml = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`;
    const file = join(dir, "entity.docx");
    writeFileSync(
      file,
      zipSync({
        "[Content_Types].xml": strToU8(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
        "word/document.xml": strToU8(xml),
      }),
    );
    const run = await nianbao(["parse", "--json", file]);
    refused(run, 3, /entity\.docx: /);
    assert.doesNotMatch(run.stdout + run.stderr, /root:/);
  } finally {
    cleanup();
  }
});

test(
  "symbolic links, pipes and broken links in an ingested folder are each reported",
  { skip: skipCorpus },
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { symlinkSync } = await import("node:fs");
      const { execFileSync } = await import("node:child_process");
      const folder = join(dir, "in");
      mkdirSync(join(folder, "sub"), { recursive: true });
      symlinkSync(textReport, join(folder, "a-link-to-a-report.txt"));
      symlinkSync(join(dir, "nowhere.txt"), join(folder, "b-broken.txt"));
      symlinkSync(join(folder, "sub"), join(folder, "c-loop"));
      execFileSync("mkfifo", [join(folder, "d-pipe.pdf")]);
      const run = await nianbao(["ingest", "--json", "--db", join(dir, "nianbao.db"), folder]);
      assert.equal(run.code, 1, run.stderr);
      const outcomes = run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { path: string; status: string; error?: string });
      const byName = Object.fromEntries(outcomes.map((o) => [o.path.slice(folder.length + 1), o]));
      assert.equal(byName["a-link-to-a-report.txt"]?.status, "new");
      assert.match(byName["b-broken.txt"]?.error ?? "", /broken symbolic link/);
      assert.match(byName["c-loop"]?.error ?? "", /symbolic link to a folder; not followed/);
      assert.match(byName["d-pipe.pdf"]?.error ?? "", /named pipe/);
    } finally {
      cleanup();
    }
  },
);
