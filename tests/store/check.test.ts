import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCrossYearCheck } from "../../src/store/check.js";
import { openIngest } from "../../src/ingest/index.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, withChanges } from "./helpers/fixtures.js";

test("a real two-year chain (洪泽区 2023 → 2024, printed under two names) only shows its real jump", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    await store.ingestDocument({ bytes: documentBytes(fixtureResult("hongze-2023")), path: "2023.pdf" });
    await store.ingestDocument({ bytes: documentBytes(fixtureResult("hongze-2024")), path: "2024.pdf" });
    // Carry-over and 现行有效件数 agree across the two years; licensing decisions went 550 → 9487.
    const findings = runCrossYearCheck(store.db);
    assert.deepEqual(
      findings.map((f) => [f.code, f.metric, f.expected, f.actual, f.sourceInconsistent, f.year]),
      [["cross_year.jump", "t2.licensing.decisions", 550, 9487, 0, 2024]],
    );
  } finally {
    store.close();
    cleanup();
  }
});

test("carry-over breaks, in-force gaps and implausible jumps are found, stored once and listed", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    const y2023 = fixtureResult("hongze-2023");
    const y2024 = fixtureResult("hongze-2024");
    // As printed in a (hypothetical) source that does not match its previous year.
    y2024.values["t3.carried_over.natural"] = 3;
    y2024.values["t3.carried_over.total"] = 3;
    y2024.values["t2.normative.in_force"] = 12; // 5 + 3 issued − 0 repealed = 8
    y2024.values["t2.penalty.decisions"] = 41_190; // 4119 the year before
    const a = await store.ingestDocument({ bytes: documentBytes(y2023), path: "2023.pdf" });
    const b = await store.ingestDocument({ bytes: documentBytes(y2024), path: "2024.pdf" });

    const findings = runCrossYearCheck(store.db);
    const summary = findings.map((f) => [f.code, f.metric, f.expected, f.actual, f.sourceInconsistent]);
    assert.deepEqual(summary, [
      ["cross_year.carry_over", "t3.carried_over.natural", 0, 3, 1],
      ["cross_year.carry_over", "t3.carried_over.total", 0, 3, 1],
      ["cross_year.in_force", "t2.normative.in_force", 8, 12, 1],
      ["cross_year.jump", "t2.licensing.decisions", 550, 9487, 0],
      ["cross_year.jump", "t2.penalty.decisions", 4119, 41190, 0],
    ]);
    assert.ok(findings.every((f) => f.reportId === b.reportId && f.otherReportId === a.reportId));
    assert.equal(findings[0]!.agency, "淮安市洪泽区人民政府");

    // Stored, and a second run replaces rather than duplicates.
    runCrossYearCheck(store.db);
    const stored = store.db
      .prepare(
        "SELECT code, metric, report_id, other_report_id FROM findings WHERE scope = 'cross_year' ORDER BY id",
      )
      .all();
    assert.equal(stored.length, 5);
    assert.equal(runCrossYearCheck(store.db, { year: 2023 }).length, 0);
    assert.equal(runCrossYearCheck(store.db, { agency: "洪泽区" }).length, 5);
    assert.equal(
      Number(store.db.prepare("SELECT count(*) FROM findings WHERE scope = 'cross_year'").pluck().get()),
      5,
    );

    // A corrected 2024 version becomes current and the next check clears the breaks.
    const fixed = withChanges(fixtureResult("hongze-2024"), {});
    fixed.values["t2.licensing.decisions"] = 600;
    await store.ingestDocument({ bytes: documentBytes(fixed), path: "2024-fixed.pdf" });
    assert.deepEqual(runCrossYearCheck(store.db), []);
    assert.equal(
      Number(store.db.prepare("SELECT count(*) FROM findings WHERE scope = 'cross_year'").pluck().get()),
      0,
    );
  } finally {
    store.close();
    cleanup();
  }
});
