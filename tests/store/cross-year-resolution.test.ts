// Issue 9, class 8: a table-2 row one report cannot split is decided by the same body's neighbouring
// years (现行有效 continuity from the template's CROSS_YEAR relations), whatever the ingest order,
// and undone when a neighbour's new version breaks it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { ParseResult } from "../../src/model/contract.js";
import { openIngest } from "../../src/ingest/index.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, withChanges } from "./helpers/fixtures.js";

const ROW = ["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"];

/** Every split of a digit run into `n` cells without leading zeros, as the recognizer reads it. */
function splits(digits: string, n: number): number[][] {
  if (n === 1) return /^(0|[1-9]\d*)$/.test(digits) ? [[Number(digits)]] : [];
  const out: number[][] = [];
  for (let i = 1; i < digits.length; i++) {
    const head = digits.slice(0, i);
    if (!/^(0|[1-9]\d*)$/.test(head)) continue;
    for (const rest of splits(digits.slice(i), n - 1)) out.push([Number(head), ...rest]);
  }
  return out;
}

/** One year of the same body (洪泽区's real 2023 figures) with its 规范性文件 row as given. */
function year(y: number, row: [number, number, number] | string): ParseResult {
  const result = withChanges(fixtureResult("hongze-2023"), { year: y });
  if (Array.isArray(row)) {
    ROW.forEach((code, i) => (result.values[code] = row[i]!));
    return result;
  }
  for (const code of ROW) delete result.values[code];
  const candidates = splits(row, 3).map((r) => Object.fromEntries(ROW.map((code, i) => [code, r[i]!])));
  result.issues.push(
    ...ROW.map((code, i) => ({
      code: "figure.ambiguous_split",
      metric: code,
      message: `table 2 row normative: "${row}" can be read ${candidates.length} ways; ${code} left out`,
      ...(i === 0 ? { candidates } : {}),
    })),
  );
  return result;
}

// 2022: 700 in force; 2023 prints "1210702" (12 issued, 10 repealed, 702 in force); 2024: 702 + 3 − 5.
const Y2022 = year(2022, [5, 1, 700]);
const Y2023 = year(2023, "1210702");
const Y2024 = year(2024, [3, 5, 700]);

interface Resolved {
  metric: string;
  value: number;
  known: string;
  evidence: string;
}

async function ingest(
  results: ParseResult[],
  run: (db: import("better-sqlite3").Database, ids: number[]) => void | Promise<void>,
) {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    const ids: number[] = [];
    for (const r of results) {
      const outcome = await store.ingestDocument({ bytes: documentBytes(r), path: `${r.year}.pdf` });
      ids.push(outcome.reportId!);
    }
    await run(store.db, ids);
  } finally {
    store.close();
    cleanup();
  }
}

function resolved(db: import("better-sqlite3").Database, reportId: number): Resolved[] {
  return db
    .prepare(
      "SELECT metric, value, known, evidence FROM figures WHERE report_id = ? AND metric LIKE 't2.normative.%' ORDER BY metric",
    )
    .all(reportId) as Resolved[];
}

test("the string has many readings; only one agrees with both neighbours, in any ingest order", async () => {
  assert.equal(splits("1210702", 3).length, 8);
  for (const order of [
    [Y2022, Y2023, Y2024],
    [Y2023, Y2024, Y2022],
    [Y2024, Y2022, Y2023],
  ]) {
    await ingest(order, (db, ids) => {
      const id = (y: number) => ids[order.findIndex((r) => r.year === y)]!;
      const figures = resolved(db, id(2023));
      assert.deepEqual(
        figures.map((f) => [f.metric, Number(f.value), f.known]),
        [
          ["t2.normative.in_force", 702, "resolved_across_years"],
          ["t2.normative.issued", 12, "resolved_across_years"],
          ["t2.normative.repealed", 10, "resolved_across_years"],
        ],
      );
      const evidence = JSON.parse(figures[0]!.evidence) as { relations: string[]; reports: number[] };
      assert.deepEqual(evidence.relations, ["cross_year.in_force t2.normative.in_force"]);
      assert.deepEqual(
        evidence.reports,
        [id(2022), id(2024)].sort((a, b) => a - b),
      );
      // The neighbours' own figures are untouched.
      assert.equal(
        resolved(db, id(2022)).every((f) => f.known !== "resolved_across_years"),
        true,
      );
    });
  }
});

test("not resolved when several readings agree with the neighbours, or when there is no neighbour", async () => {
  // 2024 alone says only that 702 was in force: 12/10/702, 1/210/702 and 121/0/702 … all agree.
  await ingest([Y2023, Y2024], (db, ids) => assert.deepEqual(resolved(db, ids[0]!), []));
  await ingest([Y2023], (db, ids) => {
    assert.deepEqual(resolved(db, ids[0]!), []);
    const kept = db
      .prepare("SELECT metrics FROM ambiguous_readings WHERE report_id = ?")
      .pluck()
      .all(ids[0]!);
    assert.deepEqual(kept, [ROW.join(",")]);
  });
  // A neighbour two years away is no neighbour.
  await ingest([Y2022, year(2024, "1210702")], (db, ids) => assert.deepEqual(resolved(db, ids[1]!), []));
});

test("undone when a neighbour's new version breaks the reading, and decided again when it is fixed", async () => {
  await ingest([Y2022, Y2023, Y2024], async (db, ids) => {
    assert.equal(resolved(db, ids[1]!).length, 3);
    // A corrected 2022 report (650 in force) is now the current one: no reading satisfies both years.
    const store = openIngest(db.name, { parse: parseFixture });
    try {
      const corrected = year(2022, [5, 1, 650]);
      await store.ingestDocument({ bytes: documentBytes(corrected), path: "2022-v2.pdf" });
      assert.deepEqual(resolved(db, ids[1]!), []);
      // The first figures again, in other bytes (a third version): decided again.
      const again = withChanges(Y2022, { title: "v3" } as Partial<ParseResult>);
      await store.ingestDocument({ bytes: documentBytes(again), path: "2022-v3.pdf" });
      assert.equal(resolved(db, ids[1]!).length, 3);
    } finally {
      store.close();
    }
  });
});
