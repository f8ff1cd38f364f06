// Child process for the kill test: ingests many distinct reports into the given database and
// prints one line per document, until it is killed. With "group" it hands documents without waiting
// for each outcome (group commit, as `nianbao ingest` does) and prints each outcome once given.
import { openIngest } from "../../../src/ingest/index.js";
import { InOrder } from "../../../src/ingest/in-order.js";
import { documentBytes, fixtureResult, parseFixture, withChanges } from "./fixtures.js";

const [dbPath, countText, mode] = process.argv.slice(2);
const grouped = mode === "group";
const store = openIngest(dbPath, {
  parse: parseFixture,
  ...(grouped ? { group: { documents: 16, ms: 200 } } : {}),
});
const base = fixtureResult("hongze-2023");
const agencies = [
  "卧龙区商务局",
  "南阳市招商投资促进局",
  "淮安市洪泽区人民政府",
  "莆田市林业局",
  "宛城区教育局",
];
const outcomes = new InOrder<number, { status: string }>(32, (i, outcome) =>
  process.stdout.write(`${outcome.status} ${i}\n`),
);
for (let i = 0; i < Number(countText); i++) {
  const values = Object.fromEntries(Object.entries(base.values).map(([code, v]) => [code, v + i]));
  const result = withChanges(base, { agency: agencies[i % agencies.length]!, year: 2000 + (i % 25), values });
  const outcome = store.ingestDocument({ bytes: documentBytes(result), path: `doc-${i}.json` });
  if (grouped) await outcomes.add(i, outcome);
  else process.stdout.write(`${(await outcome).status} ${i}\n`);
}
await outcomes.finish();
store.close();
