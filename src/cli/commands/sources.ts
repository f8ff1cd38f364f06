// `nianbao sources`: list the registry, add a portal by its column URL alone (the family is recognised
// from the page), and validate the file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { dataDir } from "../../paths.js";
import { EXIT, UserError } from "../exit-codes.js";
import { err, out, setExitCode } from "../io.js";

const defaultFile = () => join(dataDir, "sources.json");

/** `mustExist`: listing or checking a file that is not there is a mistake (only `add` starts a new one). */
async function load(file: string, mustExist = true) {
  const { loadSources, SourcesError } = await import("../../../crawlers/sources.js");
  if (mustExist && !existsSync(file)) throw new UserError(`${file}: no such sources file`, EXIT.INPUT);
  try {
    return loadSources(file);
  } catch (error) {
    // One line: the schema's report lists each problem on its own line.
    if (error instanceof SourcesError) throw new UserError(error.oneLine, EXIT.INPUT);
    throw error;
  }
}

export function registerSources(program: Command): void {
  const sources = program.command("sources").description("the portals to crawl (data/sources.json)");

  sources
    .command("list", { isDefault: true })
    .description("list registered sources")
    .option("--file <file>", "sources registry (default: data/sources.json)")
    .option("--json", "print the registry as JSON")
    .action(async (options: { file?: string; json?: boolean }) => {
      const registry = await load(options.file ?? defaultFile());
      if (options.json) {
        out(JSON.stringify(registry, null, 2));
        return;
      }
      for (const s of registry.sources) {
        out(
          `${s.id}\t${s.family ?? "?"}\t${s.verified ? "verified" : "unverified"}\t${s.name}\t${s.entries.join(" ")}`,
        );
      }
      err(`nianbao: ${registry.sources.length} sources`);
    });

  sources
    .command("validate")
    .description("validate the registry file (no network)")
    .option("--file <file>", "sources registry (default: data/sources.json)")
    .action(async (options: { file?: string }) => {
      const registry = await load(options.file ?? defaultFile());
      out(`ok: ${registry.sources.length} sources`);
    });

  sources
    .command("check")
    .description(
      "fetch each source's entry page only (politely): reachable, blocked, family recognised, report links seen",
    )
    .argument("[ids...]", "source ids (default: every source)")
    .option("--file <file>", "sources registry (default: data/sources.json)")
    .option("--contact <text>", "contact put in the User-Agent (default: $NIANBAO_CONTACT)")
    .option("--timeout <seconds>", "per-request timeout", "20")
    .option("--delay <ms>", "minimum delay between two requests to one host", "2000")
    .option(
      "--write",
      'record "verified": true and today\'s date for entries that answered with report links',
    )
    .option("--json", "one JSON object per entry on stdout")
    .action(async (ids: string[], options: CheckOptions) => {
      setExitCode(await checkSources(ids, options));
    });

  sources
    .command("add")
    .description("add a portal by its 年报 column URL; the CMS family is recognised from the page")
    .argument("<url>", "the column URL, e.g. https://www.example.gov.cn/zfxxgk/zfxxgknb/")
    .option("--file <file>", "sources registry (default: data/sources.json)")
    .option("--id <id>", "source id (default: derived from the URL)")
    .option("--name <name>", "display name (default: the page title)")
    .option("--region <region>", "region name or GB/T 2260 code")
    .option("--allow-host <host...>", "extra hosts the crawler may follow (attachment servers)")
    .option("--contact <text>", "contact put in the User-Agent (default: $NIANBAO_CONTACT)")
    .option("--offline", "do not fetch the page; register the URL as given")
    .action(
      async (
        url: string,
        options: {
          file?: string;
          id?: string;
          name?: string;
          region?: string;
          allowHost?: string[];
          contact?: string;
          offline?: boolean;
        },
      ) => {
        const { saveSources, sourceIdFor, SourceSchema } = await import("../../../crawlers/sources.js");
        try {
          new URL(url);
        } catch {
          throw new UserError(`"${url}" is not a URL`, EXIT.USAGE);
        }
        const file = options.file ?? defaultFile();
        const registry = await load(file, false);
        if (registry.sources.some((s) => s.entries.includes(url)))
          throw new UserError(`${url} is already registered`, EXIT.USAGE);
        let family: string | undefined;
        let title = "";
        if (!options.offline) {
          const { identifyColumn } = await import("../../../crawlers/identify.js");
          try {
            const found = await identifyColumn(
              url,
              options.contact ?? process.env.NIANBAO_CONTACT ?? "nianbao sources add",
            );
            family = found.family;
            title = found.title;
            err(
              `nianbao: ${url}: ${found.family} family (${found.families.join("+")}), ${found.reportLinks} report links on the first page`,
            );
          } catch (error) {
            throw new UserError(
              `cannot read ${url}: ${(error as Error).message} (use --offline to register it anyway)`,
              EXIT.INPUT,
            );
          }
        }
        const id = options.id ?? sourceIdFor(url, new Set(registry.sources.map((s) => s.id)));
        if (registry.sources.some((s) => s.id === id))
          throw new UserError(`source id "${id}" is taken`, EXIT.USAGE);
        const parsed = SourceSchema.safeParse({
          id,
          name: options.name ?? (title || new URL(url).host),
          region: options.region,
          entries: [url],
          allowedHosts: options.allowHost ?? [],
          family,
          verified: false,
          provenance: `nianbao sources add, ${new Date().toISOString().slice(0, 10)}`,
        });
        if (!parsed.success)
          throw new UserError(
            `invalid source: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
            EXIT.USAGE,
          );
        registry.sources.push(parsed.data);
        saveSources(file, registry);
        out(`added ${id} (${family ?? "family unknown"}) to ${file}`);
      },
    );
}

interface CheckOptions {
  file?: string;
  contact?: string;
  timeout: string;
  delay: string;
  write?: boolean;
  json?: boolean;
}

/**
 * `sources check`: one request per entry (robots.txt first), nothing more. An entry is verified when
 * it answered and shows report links or a recognised family; exit 1 when any entry was not reachable.
 */
async function checkSources(ids: string[], options: CheckOptions): Promise<number> {
  const { saveSources } = await import("../../../crawlers/sources.js");
  const { checkEntry } = await import("../../../crawlers/identify.js");
  const file = options.file ?? defaultFile();
  const registry = await load(file);
  const unknown = ids.filter((id) => !registry.sources.some((s) => s.id === id));
  if (unknown.length) throw new UserError(`unknown source id(s): ${unknown.join(", ")}`, EXIT.USAGE);
  const timeout = Number(options.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UserError(`--timeout: "${options.timeout}" is not a number of seconds`, EXIT.USAGE);
  const delay = Number(options.delay);
  if (!Number.isFinite(delay) || delay < 0)
    throw new UserError(`--delay: "${options.delay}" is not a number of milliseconds`, EXIT.USAGE);
  const contact = options.contact ?? process.env.NIANBAO_CONTACT ?? "nianbao sources check";
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  let failed = 0;
  let verified = 0;
  for (const source of registry.sources.filter((s) => !ids.length || ids.includes(s.id))) {
    let allGood = true;
    for (const entry of source.entries) {
      const check = await checkEntry(entry, contact, { timeoutMs: timeout * 1000, minDelayMs: delay });
      const good = check.state === "reachable" && (check.reportLinks > 0 || check.family !== "generic");
      allGood &&= good;
      if (check.state !== "reachable") failed += 1;
      if (options.json) {
        out(JSON.stringify({ source: source.id, entry, ...check }));
        continue;
      }
      const detail =
        check.state === "reachable"
          ? `reachable (HTTP ${check.status}), family ${check.family}` +
            `${check.sightings.length ? ` [${check.sightings.map((x) => `${x.family}${x.confirmed ? "" : "?"}: ${x.why}`).join("; ")}]` : ""}` +
            `, ${check.reportLinks} report links on the page${check.family !== source.family && source.family ? ` (registry says ${source.family})` : ""}`
          : check.state === "http_error"
            ? `HTTP ${check.status} (${check.finalUrl})`
            : `${check.state}: ${check.reason}`;
      out(`${source.id}\t${entry}\t${detail}`);
    }
    if (options.write && allGood) {
      source.verified = true;
      source.verifiedOn = today;
      verified += 1;
    }
  }
  if (options.write) {
    saveSources(file, registry);
    err(`nianbao: ${verified} source(s) marked verified on ${today} in ${file}`);
  }
  return failed ? EXIT.PARTIAL : EXIT.OK;
}
