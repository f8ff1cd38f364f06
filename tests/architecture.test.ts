// The pipeline's direction, checked on every import (static, dynamic and type-only) of the
// project's code: crawl → ingest (parse, resolve) → store → export/serve, with src/model at the
// bottom and src/cli at the top (docs/architecture.md). Each top-level folder is a unit, and so is
// each folder under src/ (src/store, src/ingest, …); files directly in src/ are the unit "src".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { projectRoot } from "../src/paths.js";

/** Folders holding the code that ships or runs (tests and benches may import anything). */
const CODE_ROOTS = ["src", "crawlers", "parsers", "bin", "scripts"];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function unitOf(path: string): string {
  const parts = relative(projectRoot, path).split(sep);
  if (parts[0] === "src" && parts.length > 2) return `src/${parts[1]}`;
  return parts[0]!;
}

interface Edge {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

function projectImports(): Edge[] {
  const edges: Edge[] = [];
  for (const root of CODE_ROOTS) {
    let files: string[];
    try {
      files = sourceFiles(join(projectRoot, root));
    } catch {
      continue;
    }
    for (const file of files) {
      // preProcessFile lists every import, export-from, `import()` and `import type` without type-checking.
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith(".")) continue;
        const target = resolve(dirname(file), fileName);
        // bin/ loads the compiled CLI from dist/, which mirrors src/.
        const to = unitOf(target.replace(`${sep}dist${sep}`, sep));
        const from = unitOf(file);
        if (from !== to) edges.push({ from, to, file: relative(projectRoot, file), specifier: fileName });
      }
    }
  }
  return edges;
}

const edges = projectImports();

/** [importing unit, imported unit, why it is forbidden]. `*` matches any unit. */
const FORBIDDEN: [RegExp, RegExp, string][] = [
  [/^src\/model$/, /.*/, "src/model is the bottom layer: it imports nothing of the project"],
  [/^src\/store$/, /^parsers$/, "the store only persists; parsing belongs to the ingest pipeline"],
  [/^(src\/store|parsers)$/, /^src\/cli$/, "only the CLI knows about exit codes and commands"],
  [/^crawlers$/, /^src\/store$/, "crawlers hand documents to a sink; they never see the store"],
  [/^parsers$/, /^(crawlers|src\/(store|ingest|cli|serve))$/, "parsers know only the shared types"],
];

test("the import graph was read (sanity: known edges are seen)", () => {
  assert.ok(edges.length > 20, `only ${edges.length} cross-unit imports found`);
  assert.ok(edges.some((e) => e.from === "src/ingest" && e.to === "src/store"));
  assert.ok(edges.some((e) => e.from === "src/cli" && e.to === "crawlers"));
});

test("no import goes against the pipeline's direction", () => {
  const wrong = edges.flatMap((e) => {
    const rule = FORBIDDEN.find(([from, to]) => from.test(e.from) && to.test(e.to) && e.from !== e.to);
    return rule ? [`${e.file} imports ${e.specifier} (${e.from} → ${e.to}): ${rule[2]}`] : [];
  });
  assert.deepEqual(wrong, []);
});

test("no import cycle between units", () => {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    graph.get(e.from)!.add(e.to);
  }
  // Depth-first search; a back edge closes a cycle, reported with the files that make it.
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const path: string[] = [];
  const visit = (unit: string): void => {
    state.set(unit, "open");
    path.push(unit);
    for (const next of graph.get(unit) ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const files = cycle
          .slice(0, -1)
          .map((from, i) => edges.find((e) => e.from === from && e.to === cycle[i + 1])!)
          .map((e) => `${e.file} → ${e.specifier}`);
        cycles.push(`${cycle.join(" → ")} (${files.join("; ")})`);
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(unit, "done");
  };
  for (const unit of [...graph.keys()].sort()) if (!state.has(unit)) visit(unit);
  assert.deepEqual(cycles, []);
});

/** String literals of a file (import specifiers included), read with the TypeScript scanner. */
function stringLiterals(file: string): string[] {
  const text = readFileSync(file, "utf8");
  if (!text.includes("tests")) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) found.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

test("nothing that ships or runs names a path under tests/ (the demo's documents live in data/)", () => {
  const offenders: string[] = [];
  for (const root of ["src", "crawlers", "parsers", "bin"])
    for (const file of sourceFiles(join(projectRoot, root)))
      for (const text of stringLiterals(file))
        if (/(^|[/\\])tests([/\\]|$)/.test(text)) offenders.push(`${relative(projectRoot, file)}: "${text}"`);
  assert.deepEqual(offenders, []);
});
