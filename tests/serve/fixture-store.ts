// A small real store for the web application's tests and screenshots: a few bodies' synthetic
// report series (src/synth, real national layouts in HTML, text and Markdown) read by the real
// parser and written by the real store, with source URLs, one body whose printed figures break an
// identity, and one document whose title is hostile HTML.
import { openIngest } from "../../src/ingest/index.js";
import {
  createRng,
  createSeries,
  pickHtmlOptions,
  pickMarkdownOptions,
  pickTextOptions,
  renderHtml,
  renderMarkdown,
  renderText,
  type RenderedDocument,
  type SynthReport,
} from "../../src/synth/index.js";

export const HOSTILE_TITLE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">年报"'&`;

export interface FixtureReport {
  reportId: number;
  agency: string;
  year: number;
  values: Record<string, number>;
  hostile: boolean;
}

export interface FixtureOptions {
  bodies?: number;
  from?: number;
  to?: number;
  seed?: string;
}

function render(report: SynthReport, index: number): RenderedDocument {
  const rng = createRng(`${report.seed}:render`);
  const name = `fixture-${index}`;
  switch (index % 3) {
    case 0:
      return renderHtml(report, { ...pickHtmlOptions(rng) }, rng, name);
    case 1:
      return renderText(report, { ...pickTextOptions(rng) }, rng, name);
    default:
      return renderMarkdown(report, { ...pickMarkdownOptions(rng) }, rng, name);
  }
}

/** Builds the store at `dbPath`; returns every stored report with the parser's figures. */
export async function buildFixtureStore(
  dbPath: string,
  options: FixtureOptions = {},
): Promise<FixtureReport[]> {
  const bodies = options.bodies ?? 5;
  const from = options.from ?? 2019;
  const to = options.to ?? 2023;
  const seed = options.seed ?? "serve-fixture";
  const store = openIngest(dbPath);
  const reports: FixtureReport[] = [];
  let index = 0;
  try {
    for (let b = 0; b < bodies; b++) {
      // Body 1 prints a table-3 row whose total is off: a source-side identity failure.
      const series = createSeries(`${seed}:${b}`, from, to, {
        figures: b === 1 ? { sourceError: "t3_row_total_off" } : {},
      });
      for (const report of series) {
        const doc = render(report, index++);
        const hostile = b === 0 && report.year === to;
        const outcome = await store.ingestDocument({
          bytes: doc.bytes,
          url: `https://www.example.gov.cn/zfxxgk/${b}/${report.year}/${doc.name}`,
          fetchedAt: `${report.year + 1}-01-20T08:00:00Z`,
          contentType: doc.mediaType,
          title: hostile ? HOSTILE_TITLE : report.title.text,
        });
        if (outcome.reportId === null || outcome.status === "failed") continue;
        const values = Object.fromEntries(
          (
            store.db
              .prepare("SELECT metric, value FROM figures WHERE report_id = ?")
              .all(outcome.reportId) as {
              metric: string;
              value: number;
            }[]
          ).map((row) => [row.metric, row.value]),
        );
        reports.push({
          reportId: outcome.reportId,
          agency: outcome.agency ?? "",
          year: report.year,
          values,
          hostile,
        });
      }
    }
  } finally {
    store.close();
  }
  return reports;
}
