// Runs simulated portals in their own process: `npx tsx crawlers/simulator/serve.ts [default|bulk]
// [--hosts N --documents N] [--base-port P]`. Prints one JSON line {origins, entries} when ready and
// serves until killed. Used by the crawl benchmark (so the server's CPU is not the crawler's) and for
// trying the crawler by hand: `nianbao crawl --url <entry> --delay 100`.
import { parseArgs } from "node:util";
import { defaultScenario } from "./scenario.js";
import { startSimulator, type SimulatorSpec } from "./server.js";
import { bulkSite } from "./sites/bulk.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    hosts: { type: "string", default: "5" },
    documents: { type: "string", default: "200" },
    "base-port": { type: "string" },
  },
});

const kind = positionals[0] ?? "default";
const spec: SimulatorSpec =
  kind === "bulk"
    ? {
        sites: Array.from({ length: Number(values.hosts) }, (_, i) => ({
          label: `bulk${i}`,
          factory: (origin: string) =>
            bulkSite(`bulk${i}`, origin, { documents: Number(values.documents), pageSize: 25 }),
        })),
      }
    : defaultScenario();
const sim = await startSimulator(spec, values["base-port"] ? { basePort: Number(values["base-port"]) } : {});
process.stdout.write(
  `${JSON.stringify({ origins: sim.origins, entries: Object.fromEntries(sim.sites.map((s) => [s.label, s.entries])) })}\n`,
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
