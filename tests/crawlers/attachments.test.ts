// Real attachments end to end: the simulator serves the committed PDF and DOCX fixtures (one with a
// GBK-encoded Content-Disposition name, H22), the crawler fetches them, the parse pool reads them in
// worker threads, and the store holds exactly the fixtures' figures.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import { request } from "undici";
import { crawl } from "../../crawlers/crawler.js";
import { contentDispositionFilename } from "../../crawlers/http/content-disposition.js";
import { makeReports } from "../../crawlers/simulator/content.js";
import {
  REAL_DOCUMENTS,
  realDocumentPath,
  realReport,
  type RealDocument,
} from "../../crawlers/simulator/documents.js";
import { simulatorSources } from "../../crawlers/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { hanwebSite } from "../../crawlers/simulator/sites/hanweb.js";
import { trsSite } from "../../crawlers/simulator/sites/trs.js";
import { ParsePool } from "../../parsers/pool/index.js";
import { openIngest, type StoreIngest } from "../../src/ingest/index.js";
import { crawlTarget, FAST, tempStore, type TempStore } from "./helpers.js";

const pdf = realReport(REAL_DOCUMENTS.pdfRepeatedHeader, "pdf");
const docx = realReport(REAL_DOCUMENTS.docx2021, "docx");
const viewer = realReport(REAL_DOCUMENTS.pdfWrappedLabels, "viewer");
const inline = makeReports("attachments", 1, () => "inline");

let sim: Simulator;
let temp: TempStore;
let pool: ParsePool;
let store: StoreIngest;

before(async () => {
  sim = await startSimulator({
    sites: [
      {
        label: "trs",
        factory: (origin) =>
          trsSite("trs", origin, {
            siteName: "附件市人民政府",
            columns: [
              {
                path: "/xxgk/xxgknb/",
                name: "信息公开年报",
                ext: "htm",
                pager: 1,
                reports: [pdf, viewer, ...inline],
                news: 1,
              },
            ],
          }),
      },
      {
        label: "hanweb",
        factory: (origin) =>
          hanwebSite("hanweb", origin, {
            siteName: "附件区人民政府",
            columnId: 4001,
            unitId: 7,
            reports: [docx],
            news: 1,
            gbkFilenames: true,
          }),
      },
    ],
  });
  temp = tempStore();
  temp.store.close();
  pool = new ParsePool({ size: 2 });
  store = openIngest(temp.path, { parse: pool.parse });
  await crawl(crawlTarget(store, temp.state), simulatorSources(sim), FAST);
});

after(async () => {
  store.close();
  await pool.close();
  temp.cleanup();
  await sim.close();
});

function storedFigures(agency: string, year: number): Record<string, number> {
  const rows = store.db
    .prepare(
      `SELECT f.metric, f.value FROM figures f JOIN reports r ON r.id = f.report_id
       WHERE r.agency_printed = ? AND r.year = ? AND r.is_current = 1`,
    )
    .all(agency, year) as { metric: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

function truthOf(document: RealDocument): { agency: string; year: number; values: Record<string, number> } {
  return JSON.parse(readFileSync(realDocumentPath(document).replace(/\.\w+$/, ".truth.json"), "utf8"));
}

describe("a crawl of real PDF and DOCX attachments", () => {
  for (const [form, document] of [
    ["pdf", REAL_DOCUMENTS.pdfRepeatedHeader],
    ["docx", REAL_DOCUMENTS.docx2021],
    ["pdf", REAL_DOCUMENTS.pdfWrappedLabels],
  ] as const) {
    const shown = document === REAL_DOCUMENTS.pdfWrappedLabels ? " shown in a pdf.js viewer iframe" : "";
    test(`the ${form} attachment${shown} is stored with exactly the fixture's figures`, () => {
      const truth = truthOf(document);
      const row = store.db
        .prepare(
          `SELECT d.format, r.status FROM documents d JOIN reports r ON r.document_id = d.id
           WHERE r.agency_printed = ? AND r.year = ?`,
        )
        .get(truth.agency, truth.year) as { format: string; status: string } | undefined;
      assert.deepEqual(row, { format: form, status: "ok" });
      assert.deepEqual(storedFigures(truth.agency, truth.year), truth.values);
    });
  }

  test("the inline report beside them is stored too, and nothing failed", () => {
    const failed = store.db
      .prepare("SELECT url, error FROM crawl_frontier WHERE error LIKE 'ingest:%'")
      .all();
    assert.deepEqual(failed, []);
    assert.equal(Object.keys(storedFigures(inline[0]!.agency, inline[0]!.year)).length > 0, true);
  });

  test("the GBK Content-Disposition name (H22) travels as GBK bytes and is read back as text", async () => {
    const url = sim.expectedReports().find((r) => r.form === "docx")!.documentUrls[0]!;
    const answer = await request(url);
    await answer.body.dump();
    const header = String(answer.headers["content-disposition"]);
    assert.ok(!header.includes("filename*"), "a plain filename= parameter, as H22 portals send it");
    assert.equal(contentDispositionFilename(header), `${docx.title}.docx`);
  });
});

describe("Content-Disposition file names", () => {
  const name = "深圳市人民政府2025年政府信息公开工作年度报告.docx";
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
  test("RFC 5987, percent-encoded UTF-8, raw UTF-8 and raw GBK bytes all decode", () => {
    assert.equal(
      contentDispositionFilename(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`),
      name,
    );
    assert.equal(contentDispositionFilename(`attachment; filename="${encodeURIComponent(name)}"`), name);
    assert.equal(contentDispositionFilename(`attachment; filename="${latin1(Buffer.from(name))}"`), name);
    const gbk = new Uint8Array(iconv.encode(name, "gbk"));
    assert.equal(contentDispositionFilename(`attachment; filename="${latin1(gbk)}"`), name);
  });
  test("the extended form wins; paths and absent names give the base name or nothing", () => {
    assert.equal(
      contentDispositionFilename(
        `attachment; filename="fallback.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ),
      name,
    );
    const withPath = latin1(Buffer.from('attachment; filename="C:\\\\upload\\\\2023年报.pdf"'));
    assert.equal(contentDispositionFilename(withPath), "2023年报.pdf");
    assert.equal(contentDispositionFilename("inline"), undefined);
    assert.equal(contentDispositionFilename(undefined), undefined);
  });
});
