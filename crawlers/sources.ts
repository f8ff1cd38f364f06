// The sources registry (data/sources.json): portals and their 年报 columns, validated with zod.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { CrawlSource } from "./crawler.js";

import { FAMILY_IDS } from "./families/index.js";

const hostPattern = /^[a-z0-9.-]+(:\d+)?$/i;

export const SourceSchema = z.object({
  /** Stable id, used in the store (documents.source_id) and on the command line. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, . _ -"),
  name: z.string().min(1),
  /** Administrative region as text (e.g. 福建省莆田市) or a GB/T 2260 code; helps agency resolution. */
  region: z.string().optional(),
  /** Column URLs (the 年报 column); the crawler discovers everything else from them. */
  entries: z.array(z.url({ protocol: /^https?$/ })).min(1),
  /** Extra hosts the crawler may follow (attachment servers); entry hosts are always allowed. */
  allowedHosts: z.array(z.string().regex(hostPattern)).default([]),
  /** The CMS family seen on the column page (informative: discovery tries every family's mechanics). */
  family: z.enum(FAMILY_IDS).optional(),
  hints: z
    .object({
      /** A minimum delay for this portal, above the crawl's own. */
      minDelayMs: z.number().int().positive().optional(),
      notes: z.string().optional(),
    })
    .optional(),
  /** Whether someone has checked the entry against the live portal (`nianbao sources check --write`). */
  verified: z.boolean().default(false),
  /** When the entry was last verified (YYYY-MM-DD), or null: never checked against the live portal. */
  verifiedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  /** Where the entry comes from (research notes, a user's `sources add`). */
  provenance: z.string().optional(),
});

export type Source = z.infer<typeof SourceSchema>;

export const RegistrySchema = z
  .object({ version: z.literal(1), sources: z.array(SourceSchema) })
  .superRefine((registry, ctx) => {
    const seen = new Set<string>();
    registry.sources.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({
          code: "custom",
          message: `duplicate source id "${s.id}"`,
          path: ["sources", i, "id"],
        });
      seen.add(s.id);
    });
  });

export type Registry = z.infer<typeof RegistrySchema>;

export class SourcesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourcesError";
  }

  /** The message on one line, for a CLI's error line: the schema's problems joined by "; ". */
  get oneLine(): string {
    return this.message.replace(/:\s*\n\s*/, ": ").replace(/\s*\n\s*/g, "; ");
  }
}

export function loadSources(path: string): Registry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { version: 1, sources: [] };
    throw new SourcesError(`${path}: ${(error as Error).message}`);
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success)
    throw new SourcesError(`${path} is not a valid sources file:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Writes the registry atomically (temp file + rename), so a crash never leaves half a file. */
export function saveSources(path: string, registry: Registry): void {
  const checked = RegistrySchema.parse(registry);
  const temp = `${path}.partial`;
  writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(temp, path);
}

export function toCrawlSource(source: Source): CrawlSource {
  return {
    id: source.id,
    name: source.name,
    entries: source.entries,
    allowedHosts: source.allowedHosts,
    ...(source.region ? { region: source.region } : {}),
  };
}

/** A source id from a URL: host without www and port separators, plus the last path words. */
export function sourceIdFor(url: string, taken: Set<string>): string {
  const u = new URL(url);
  const words = u.pathname
    .split("/")
    .filter((p) => p && !/^index\./i.test(p))
    .slice(-2);
  const base = [u.hostname.replace(/^www\./, ""), ...words]
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  let id = base || "source";
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
