import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { METRICS, metricsOf } from "../src/model/metrics.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The spec's copy lives next to the checkout (../shared/spec); its test is skipped without it.
const specPath = join(root, "..", "shared", "spec", "metrics.json");

test("the metric dictionary covers both templates", () => {
  assert.equal(new Set(METRICS.map((m) => m.code)).size, METRICS.length, "codes are unique");
  assert.ok(metricsOf("2021").some((m) => m.code === "t3.other.no_fee.natural"));
  assert.ok(!metricsOf("2019").some((m) => m.code === "t3.other.no_fee.natural"));
  assert.ok(metricsOf("2019").some((m) => m.code === "t2.procurement.amount"));
  assert.equal(metricsOf("2021").length, 207);
  assert.equal(metricsOf("2019").length, 198);
});

test("data/metrics.json is the metric list the template description derives, entry for entry", () => {
  const published: unknown = JSON.parse(readFileSync(join(root, "data", "metrics.json"), "utf8"));
  assert.deepEqual(published, METRICS);
});

test(
  "the spec's metrics.json agrees with the template description",
  { skip: !existsSync(specPath) && "no ../shared/spec" },
  () => {
    assert.deepEqual(JSON.parse(readFileSync(specPath, "utf8")), METRICS);
  },
);
