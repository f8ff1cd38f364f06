// The views promise current reports only: a report ingested in two versions shows its findings once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openIngest } from "../../src/ingest/index.js";
import {
  documentBytes,
  fixtureResult,
  parseFixture,
  tempDir,
  withChanges,
} from "../store/helpers/fixtures.js";

test("findings_overview lists the findings of current reports only", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture, parserVersion: "1" });
  try {
    const first = fixtureResult("hongze-2023");
    assert.equal(first.issues.length, 1);
    await store.ingestDocument({ bytes: documentBytes(first), path: "v1.txt" });
    // A second version of the same report (new bytes, same agency-year) supersedes the first.
    const [metric, value] = Object.entries(first.values)[0]!;
    const second = withChanges(first, { values: { ...first.values, [metric]: Number(value) + 1 } });
    const outcome = await store.ingestDocument({ bytes: documentBytes(second), path: "v2.txt" });
    assert.equal(outcome.status, "updated");
    const rows = store.db
      .prepare("SELECT report_id, agency_id, province FROM findings_overview WHERE code = ?")
      .all(first.issues[0]!.code) as { report_id: number; agency_id: number; province: string }[];
    assert.deepEqual(
      rows.map((r) => r.report_id),
      [outcome.reportId],
    );
    assert.equal(rows[0]!.province, "江苏省");
    const all = Number(
      store.db.prepare("SELECT count(*) FROM findings WHERE code = ?").pluck().get(first.issues[0]!.code),
    );
    assert.equal(all, 2, "the superseded version keeps its finding in the table");
  } finally {
    store.close();
    cleanup();
  }
});
