// Opens fresh stores at agreed instants, as two cron jobs starting on a new store would:
// argv = folder, first instant (ms since epoch), rounds, owner ("store" or "crawl"). Round r opens
// <folder>/race-r.db at first + r × ROUND_MS. Prints one line per failure; exits 1 if any.
import { join } from "node:path";
import { openCrawlState } from "../../../crawlers/state.js";
import { openStore } from "../../../src/store/index.js";

const ROUND_MS = 120;
const [folder, first, rounds, owner] = process.argv.slice(2);
let failures = 0;
for (let round = 0; round < Number(rounds); round++) {
  const at = Number(first) + round * ROUND_MS;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const path = join(folder!, `race-${round}.db`);
  try {
    if (owner === "crawl") openCrawlState(path).close();
    else openStore(path).close();
  } catch (error) {
    failures++;
    console.log(`round ${round}: ${(error as Error).message}`);
  }
}
process.exitCode = failures ? 1 : 0;
