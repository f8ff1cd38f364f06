// A portal that publishes reports whose tables are pictures (issue 12), crawled end to end on
// 127.0.0.1 (crawlers/simulator/sites/pictures.ts): the crawler fetches a report page's content
// images with it (never the portal's logo, icons, share buttons or badge), hands page and images
// to the sink as one document, the store keeps the images, the figures come out of OCR exact, and
// `reparse` reads the same images again offline. A picture the server lost (404) costs the page
// nothing but issues. The figures need tesseract with chi_sim; without it only the crawl is checked.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { crawl } from "../../crawlers/crawler.js";
import { bodyReport } from "../../crawlers/simulator/content.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { picturesSite } from "../../crawlers/simulator/sites/pictures.js";
import { parseDocument } from "../../parsers/index.js";
import { ocrAvailable } from "../../parsers/ocr/index.js";
import { FAST, tempStore, type TempStore } from "./helpers.js";

const ocr = await ocrAvailable();
const noOcr = ocr ? false : "tesseract with chi_sim is not installed (run scripts/install-system-deps.sh)";

// Table 4 is a picture; tables 2 and 3 stay text (few text tables: the crawler fetches the
// pictures), so the test reads only one small picture by OCR.
const table4 = (text: string) => text.includes("行政复议") && text.includes("行政诉讼");
const body = (name: string, shortName: string) => ({
  name: `福州市鼓楼区${name}`,
  kind: "district_department" as const,
  province: "福建省",
  city: "福州市",
  district: "鼓楼区",
  shortName,
});
const pictured = bodyReport("pictures-a", body("农业农村局", "区农业农村局"), 2023);
const lost = bodyReport("pictures-b", body("水利局", "区水利局"), 2023);
const truth = pictured.synth.figures.values;

let sim: Simulator;
let temp: TempStore;

interface FigureRow {
  metric: string;
  value: number;
  page: number | null;
  bbox: string | null;
  ocr_confidence: number | null;
}

function documentOf(url: string): number {
  return temp.store.db
    .prepare("SELECT document_id FROM document_sources WHERE url = ?")
    .pluck()
    .get(url) as number;
}

function figuresOf(documentId: number): FigureRow[] {
  return temp.store.db
    .prepare(
      `SELECT f.metric, f.value, f.page, f.bbox, f.ocr_confidence FROM figures f
       JOIN reports r ON r.id = f.report_id WHERE r.document_id = ? ORDER BY f.metric`,
    )
    .all(documentId) as FigureRow[];
}

before(async () => {
  sim = await startSimulator({
    sites: [
      {
        label: "pictures",
        factory: (origin) =>
          picturesSite("pictures", origin, {
            siteName: "示范县人民政府",
            reports: [
              { report: pictured, pictures: table4 },
              { report: lost, missingPictures: true },
            ],
          }),
      },
    ],
  });
  temp = tempStore((bytes, request) => parseDocument(bytes, request));
  await crawl(
    temp.target,
    [{ id: "pictures", name: "picture portal", entries: sim.sites[0]!.entries, allowedHosts: [] }],
    { ...FAST, minDelayMs: 5, maxDelayMs: 20 },
  );
});

after(async () => {
  temp.cleanup();
  await sim.close();
});

describe("a report whose tables are pictures, crawled", () => {
  test("the report's pictures are fetched with the page, the portal's chrome pictures never", () => {
    const pictures = sim.log.filter((e) => e.path.endsWith(".png")).map((e) => e.path);
    assert.ok(pictures.length >= 4, JSON.stringify(pictures));
    assert.ok(
      pictures.every((p) => /^\/nb\/W0\d+table-\d+\.png$/.test(p)),
      `only report pictures: ${JSON.stringify(pictures)}`,
    );
    const [a, b] = sim.expectedReports().map((r) => documentOf(r.articleUrl));
    assert.ok(a && b, "both report pages are stored");
    const resources = temp.store.db
      .prepare(
        "SELECT document_id, ref, url, sha256, error FROM document_resources ORDER BY document_id, position",
      )
      .all() as {
      document_id: number;
      ref: string;
      url: string;
      sha256: string | null;
      error: string | null;
    }[];
    const ofA = resources.filter((r) => r.document_id === a);
    assert.ok(
      ofA.length === 1 && ofA.every((r) => r.sha256 && temp.store.blobs.has(r.sha256)),
      JSON.stringify(ofA),
    );
    assert.ok(
      ofA.every((r) => r.url.startsWith(sim.origins.pictures!)),
      "kept with the URL it came from",
    );
    const ofB = resources.filter((r) => r.document_id === b);
    assert.ok(ofB.length >= 3, "every table of the lost report is a picture");
    assert.ok(
      ofB.every((r) => r.sha256 === null && r.error === "http_404"),
      JSON.stringify(ofB),
    );
  });

  test("the lost picture is an issue of its report; the page is stored all the same", () => {
    const b = documentOf(sim.expectedReports()[1]!.articleUrl);
    const findings = temp.store.db
      .prepare(
        "SELECT f.code, f.message FROM findings f JOIN reports r ON r.id = f.report_id WHERE r.document_id = ?",
      )
      .all(b) as { code: string; message: string }[];
    const unread = findings.filter((f) => f.code === "html.image_unread");
    assert.ok(unread.length >= 3, JSON.stringify(findings));
    assert.ok(unread.every((f) => /W0\d+table-\d+\.png not read: http_404/.test(f.message)));
  });

  test(
    "the pictures' figures come out of OCR exact, with their origin, and reparse reads them again",
    { skip: noOcr },
    async () => {
      const a = documentOf(sim.expectedReports()[0]!.articleUrl);
      const figures = figuresOf(a);
      const wrong = figures.filter((f) => truth[f.metric] !== f.value);
      assert.deepEqual(wrong, [], "no figure is wrong");
      const fromPictures = figures.filter((f) => f.ocr_confidence !== null);
      const t4 = fromPictures.filter((f) => f.metric.startsWith("t4."));
      assert.ok(t4.length >= 12, `table 4 figures from its picture: ${t4.length}`);
      assert.ok(
        fromPictures.every((f) => f.page !== null && f.bbox !== null),
        "page = picture, cell box",
      );
      const t3 = figures.filter((f) => f.metric.startsWith("t3."));
      assert.ok(
        t3.length > 100 && t3.every((f) => f.ocr_confidence === null),
        `${t3.length} t3, ${fromPictures.length} from pictures, ${figures.length} all`,
      );
      const report = temp.store.db
        .prepare("SELECT ocr_figures FROM reports WHERE document_id = ?")
        .get(a) as { ocr_figures: number };
      assert.equal(report.ocr_figures, fromPictures.length);

      const again = await temp.store.reparseDocument(a);
      assert.notEqual(again.status, "failed", again.error);
      assert.deepEqual(figuresOf(a), figures, "reparse gives the same figures from the stored pictures");
    },
  );
});

describe("a report page stored before the crawler brought its pictures", () => {
  test("is fetched once more on the next crawl, its pictures kept and read; after that never again", async () => {
    const { articleUrl } = sim.expectedReports()[0]!;
    const a = documentOf(articleUrl);
    const withPictures = figuresOf(a);
    // The state an older nianbao left: the page stored without its pictures, its frontier row done
    // before migration 004, the report read from the page's text alone.
    temp.store.db.prepare("DELETE FROM document_resources WHERE document_id = ?").run(a);
    temp.store.db.prepare("UPDATE crawl_frontier SET pictures_checked = 0 WHERE url = ?").run(articleUrl);
    await temp.store.reparseDocument(a);
    const textOnly = figuresOf(a);
    assert.ok(textOnly.length < withPictures.length, "the page's text alone lacks table 4");

    const pictureRequests = () => sim.log.filter((e) => e.path.endsWith(".png")).length;
    const source = {
      id: "pictures",
      name: "picture portal",
      entries: sim.sites[0]!.entries,
      allowedHosts: [],
    };
    const settings = { ...FAST, minDelayMs: 5, maxDelayMs: 20 };
    const before = pictureRequests();
    await crawl(temp.target, [source], settings);
    assert.ok(pictureRequests() > before, "the page's picture is fetched");
    const kept = temp.store.db
      .prepare("SELECT sha256 FROM document_resources WHERE document_id = ? AND sha256 IS NOT NULL")
      .all(a);
    assert.equal(kept.length, 1, "the picture is kept with the page stored before");
    assert.equal(documentOf(articleUrl), a, "the same document, not a new one");
    const checked = temp.store.db
      .prepare("SELECT pictures_checked FROM crawl_frontier WHERE url = ?")
      .pluck()
      .get(articleUrl);
    assert.equal(checked, 1);
    if (!noOcr) assert.deepEqual(figuresOf(a), withPictures, "read again with its pictures");

    const after = pictureRequests();
    await crawl(temp.target, [source], settings);
    assert.equal(
      pictureRequests(),
      after,
      "a page whose pictures were looked for is not fetched for them again",
    );
  });
});
