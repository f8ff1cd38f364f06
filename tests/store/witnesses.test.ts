// The store keeps how each figure is known (migration core/004-figure-witnesses), so a researcher can
// select only the figures a second printing confirms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openIngest } from "../../src/ingest/index.js";
import { markWitnesses } from "../../parsers/template/witness.js";
import { documentBytes, fixtureResult, parseFixture, tempDir } from "./helpers/fixtures.js";

test("figures keep the identities that hold and fail on them, and how they are known", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture, parserVersion: "1.0.0" });
  try {
    // A real report's figures (Hongze 2023, whose table 4 review total is misprinted).
    const result = fixtureResult("hongze-2023");
    result.sources ??= {};
    markWitnesses(result.template!, result.values, result.sources);
    const { reportId } = await store.ingestDocument({ bytes: documentBytes(result), path: "h.pdf" });
    const row = (metric: string) =>
      store.db
        .prepare(
          `SELECT known, identities_hold, identities_fail, identities_unchecked, prose
           FROM figures WHERE report_id = ? AND metric = ?`,
        )
        .get(reportId, metric);
    assert.deepEqual(row("t2.fees.amount"), {
      known: "no_identity",
      identities_hold: null,
      identities_fail: null,
      identities_unchecked: null,
      prose: null,
    });
    assert.deepEqual(row("t4.review.total"), {
      known: "contradicted",
      identities_hold: null,
      identities_fail: "identity.t4.group_total",
      identities_unchecked: null,
      prose: null,
    });
    assert.deepEqual(row("t3.new.natural"), {
      known: "confirmed",
      identities_hold: "identity.t3.balance,identity.t3.row_total",
      identities_fail: null,
      identities_unchecked: null,
      prose: null,
    });
    const confirmed = store.db
      .prepare("SELECT count(*) FROM figures_labeled WHERE report_id = ? AND known = 'confirmed'")
      .pluck()
      .get(reportId);
    assert.ok(Number(confirmed) > 150, `only ${confirmed} confirmed figures`);
  } finally {
    store.close();
    cleanup();
  }
});
