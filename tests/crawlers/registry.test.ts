// The portal family registry (crawlers/families) is the one list identification and the simulator
// iterate: every registered family has a simulated site in the default scenario, and `sources check`'s
// identification (one request for the entry page, after robots.txt) confirms that family there, and
// only hints at others.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FAMILIES } from "../../crawlers/families/index.js";
import { checkEntry } from "../../crawlers/identify.js";
import { defaultScenario } from "../../crawlers/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { FAMILY_SITES } from "../../crawlers/simulator/sites/index.js";

let sim: Simulator;

before(async () => {
  sim = await startSimulator(defaultScenario({ realDocuments: false, scale: 0.2 }));
});

after(async () => {
  await sim.close();
});

test("every registered family has a simulated site", () => {
  assert.deepEqual(Object.keys(FAMILY_SITES).sort(), FAMILIES.map((f) => f.id).sort());
  for (const family of FAMILIES)
    assert.ok(
      sim.sites.some((s) => s.family === family.id),
      `no site of family ${family.id} in the default scenario`,
    );
});

test("each family's entry page is identified as that family, confirmed by its structure", async () => {
  for (const family of FAMILIES) {
    const site = sim.sites.find((s) => s.family === family.id)!;
    // gov.cn-style listings are plain server-rendered tables (read by the generic mechanics); the
    // family shows on its article pages (UCAP-CONTENT).
    const entry = family.id === "govcn" ? site.reports[0]!.articleUrl : site.entries[0]!;
    const before = sim.log.length;
    const check = await checkEntry(entry, "tests@nianbao.invalid", {
      minDelayMs: 10,
      timeoutMs: 5_000,
    });
    assert.equal(check.state, "reachable", `${family.id}: ${JSON.stringify(check)}`);
    if (check.state !== "reachable") continue;
    assert.equal(check.family, family.id, JSON.stringify(check.sightings));
    assert.ok(check.sightings.some((s) => s.family === family.id && s.confirmed));
    // robots.txt and the entry page only.
    const paths = sim.log.slice(before).filter((e) => e.host === new URL(entry).host);
    assert.deepEqual(
      paths.map((e) => e.path).filter((p) => p !== "/robots.txt"),
      [new URL(entry).pathname],
    );
  }
});
