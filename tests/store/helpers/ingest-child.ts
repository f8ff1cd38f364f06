// Child process for the kill test: ingests many distinct reports into the given database and
// prints one line per document, until it is killed.
import { openIngest } from "../../../src/ingest/index.js";
import { documentBytes, fixtureResult, parseFixture, withChanges } from "./fixtures.js";

const [dbPath, countText] = process.argv.slice(2);
const store = openIngest(dbPath, { parse: parseFixture });
const base = fixtureResult("hongze-2023");
const agencies = [
  "卧龙区商务局",
  "南阳市招商投资促进局",
  "淮安市洪泽区人民政府",
  "莆田市林业局",
  "宛城区教育局",
];
for (let i = 0; i < Number(countText); i++) {
  const values = Object.fromEntries(Object.entries(base.values).map(([code, v]) => [code, v + i]));
  const result = withChanges(base, { agency: agencies[i % agencies.length]!, year: 2000 + (i % 25), values });
  const outcome = await store.ingestDocument({ bytes: documentBytes(result), path: `doc-${i}.json` });
  process.stdout.write(`${outcome.status} ${i}\n`);
}
store.close();
