import { test } from "node:test";
import assert from "node:assert/strict";
import { METRICS, metricsOf } from "../src/model/metrics.js";

test("the metric dictionary loads and covers both templates", () => {
  assert.equal(new Set(METRICS.map((m) => m.code)).size, METRICS.length, "codes are unique");
  assert.ok(metricsOf("2021").some((m) => m.code === "t3.other.no_fee.natural"));
  assert.ok(!metricsOf("2019").some((m) => m.code === "t3.other.no_fee.natural"));
  assert.ok(metricsOf("2019").some((m) => m.code === "t2.procurement.amount"));
});
