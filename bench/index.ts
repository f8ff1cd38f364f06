// `npm run bench`: runs every benchmark section in one process, one after another, and prints a
// report. Each section measures its own baseline in the same run so ratios are meaningful.
// Usage: npm run bench [-- section ...]   (sections: parse, formats, store, pdf, crawl, parse-pool, real, serve, ocr)
import type { BenchSection } from "./section.js";

const sections: Record<string, () => Promise<BenchSection>> = {
  parse: async () => (await import("./parse.js")).default,
  formats: async () => (await import("./formats.js")).default,
  store: async () => (await import("./store.js")).default,
  pdf: async () => (await import("./pdf.js")).default,
  crawl: async () => (await import("./crawl.js")).default,
  "parse-pool": async () => (await import("./parse-pool.js")).default,
  real: async () => (await import("./real.js")).default,
  serve: async () => (await import("./serve.js")).default,
  ocr: async () => (await import("./ocr.js")).default,
};

const wanted = process.argv.slice(2);
for (const [name, load] of Object.entries(sections)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const section = await load();
  console.log(`\n## ${section.title}`);
  await section.run();
}
