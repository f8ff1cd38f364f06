import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openIngest } from "../../src/ingest/index.js";
import { projectRoot } from "../../src/paths.js";
import { METRICS } from "../../src/model/metrics.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, type FixtureName } from "./helpers/fixtures.js";

interface DatasetteMetadata {
  databases: {
    nianbao: { tables: Record<string, { facets?: string[] }>; queries: Record<string, { sql: string }> };
  };
}

test("the Datasette metadata names real tables and facets, and its canned queries run", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    for (const name of ["wolong-2023", "hongze-2023", "hongze-2024"] as FixtureName[])
      await store.ingestDocument({ bytes: documentBytes(fixtureResult(name)), path: `${name}.txt` });
    const metadata = JSON.parse(
      readFileSync(join(projectRoot, "data/datasette-metadata.json"), "utf8"),
    ) as DatasetteMetadata;
    const { tables, queries } = metadata.databases.nianbao;
    for (const [table, config] of Object.entries(tables)) {
      const columns = store.db
        .prepare(`SELECT name FROM pragma_table_info(?)`)
        .pluck()
        .all(table) as string[];
      assert.ok(columns.length > 0, `${table} exists`);
      for (const facet of config.facets ?? []) assert.ok(columns.includes(facet), `${table}.${facet} exists`);
    }
    assert.ok(Object.keys(queries).length >= 5);
    for (const [name, query] of Object.entries(queries)) {
      assert.doesNotThrow(() => store.db.prepare(query.sql).all(), `canned query ${name} runs`);
    }
    const rate = store.db.prepare(queries.disclosure_rate_by_province!.sql).all();
    assert.deepEqual(rate, [
      { province: "320000", year: 2023, disclosure_rate: 0.19 },
      { province: "320000", year: 2024, disclosure_rate: 0.621 },
      { province: "410000", year: 2023, disclosure_rate: null },
    ]);
  } finally {
    store.close();
    cleanup();
  }
});

test("the data dictionary and the wide table 3 view follow data/metrics.json", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    const outcome = await store.ingestDocument({
      bytes: documentBytes(fixtureResult("hongze-2024")),
      path: "h.pdf",
    });
    const dictionary = store.db
      .prepare("SELECT code, label_zh, label_en, unit FROM metrics ORDER BY position")
      .all();
    assert.deepEqual(
      dictionary,
      METRICS.map((m) => ({ code: m.code, label_zh: m.label_zh, label_en: m.label_en, unit: m.unit })),
    );
    const row = store.db
      .prepare("SELECT * FROM table3_wide WHERE report_id = ?")
      .get(outcome.reportId) as Record<string, unknown>;
    const t3 = METRICS.filter((m) => m.section === "t3");
    for (const m of t3) assert.ok(m.code.replace(/\./g, "_") in row, `${m.code} column`);
    assert.equal(row.t3_new_total, fixtureResult("hongze-2024").values["t3.new.total"]);
  } finally {
    store.close();
    cleanup();
  }
});
