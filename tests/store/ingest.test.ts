import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openIngest, type StoreIngest } from "../../src/ingest/index.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, withChanges } from "./helpers/fixtures.js";

function freshStore(parserVersion = "1.0.0"): { store: StoreIngest; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture, parserVersion });
  return { store, dir, cleanup: () => (store.close(), cleanup()) };
}

const count = (store: StoreIngest, table: string): number =>
  Number(store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());

test("the same bytes twice change nothing; a new URL for them is remembered", async () => {
  const { store, dir, cleanup } = freshStore();
  try {
    const bytes = documentBytes(fixtureResult("wolong-2023"));
    const first = await store.ingestDocument({ bytes, path: "/in/wolong.txt" });
    assert.equal(first.status, "new");
    assert.equal(first.agency, "南阳市卧龙区商务局");
    assert.equal(first.year, 2023);
    const tables = ["documents", "reports", "figures", "findings", "agencies", "agency_aliases"];
    const before = tables.map((t) => count(store, t));
    const again = await store.ingestDocument({ bytes, path: "/in/wolong.txt" });
    assert.equal(again.status, "unchanged");
    assert.equal(again.reportId, first.reportId);
    assert.deepEqual(
      tables.map((t) => count(store, t)),
      before,
    );
    assert.equal(count(store, "document_sources"), 1);
    const elsewhere = await store.ingestDocument({
      bytes,
      url: "http://www.wolong.gov.cn/2023nb.html",
      etag: '"abc"',
      fetchedAt: "2024-02-01T00:00:00.000Z",
    });
    assert.equal(elsewhere.status, "unchanged");
    assert.equal(count(store, "document_sources"), 2);
    const source = store.db
      .prepare("SELECT etag, fetched_at FROM document_sources WHERE url IS NOT NULL")
      .get();
    assert.deepEqual(source, { etag: '"abc"', fetched_at: "2024-02-01T00:00:00.000Z" });
    // The raw bytes are kept content-addressed beside the database.
    assert.ok(existsSync(join(dir, "nianbao.blobs.db")));
    assert.deepEqual(store.blobs.get(first.sha256), bytes);
  } finally {
    cleanup();
  }
});

test("a new version of an agency-year report is kept beside the old one and becomes current", async () => {
  const { store, cleanup } = freshStore();
  try {
    const original = fixtureResult("hongze-2023");
    const first = await store.ingestDocument({ bytes: documentBytes(original), path: "a.pdf" });
    // The revised document prints the agency's full name and one corrected figure.
    const revised = withChanges(original, {
      agency: "淮安市洪泽区人民政府",
      values: { ...original.values, "t4.review.total": 11 },
      issues: [],
    });
    const second = await store.ingestDocument({ bytes: documentBytes(revised), path: "b.pdf" });
    assert.equal(first.status, "new");
    assert.equal(second.status, "updated");
    assert.notEqual(second.reportId, first.reportId);
    const reports = store.db.prepare("SELECT id, is_current, agency_id FROM reports ORDER BY id").all() as {
      id: number;
      is_current: number;
      agency_id: number;
    }[];
    assert.deepEqual(
      reports.map((r) => [r.id, r.is_current]),
      [
        [first.reportId, 0],
        [second.reportId, 1],
      ],
    );
    assert.equal(reports[0]!.agency_id, reports[1]!.agency_id, "one agency for both names");
    const aliases = store.db.prepare("SELECT alias FROM agency_aliases ORDER BY alias").pluck().all();
    assert.deepEqual(aliases, ["洪泽区人民政府", "淮安市洪泽区人民政府"]);
    const agency = store.db.prepare("SELECT name, region_code, region_name, level, kind FROM agencies").get();
    assert.deepEqual(agency, {
      name: "淮安市洪泽区人民政府",
      region_code: "320813",
      region_name: "江苏省淮安市洪泽区",
      level: "county",
      kind: "government",
    });
    const overview = store.db.prepare("SELECT report_id, t4_review_total FROM report_overview").all();
    assert.deepEqual(overview, [{ report_id: second.reportId, t4_review_total: 11 }]);
    // The old version keeps its own figures.
    const old = store.db
      .prepare("SELECT value FROM figures WHERE report_id = ? AND metric = 't4.review.total'")
      .pluck()
      .get(first.reportId);
    assert.equal(old, 0);
  } finally {
    cleanup();
  }
});

test("figures keep their raw text and location; identity issues become source findings", async () => {
  const { store, cleanup } = freshStore();
  try {
    const result = fixtureResult("hongze-2023");
    const withParseProblem = withChanges(result, {
      issues: [
        ...result.issues,
        { code: "figure.unreadable", metric: "t2.fees.amount", message: "cell text could not be read" },
      ],
    });
    const outcome = await store.ingestDocument({ bytes: documentBytes(withParseProblem), path: "h.pdf" });
    const figure = store.db
      .prepare("SELECT value, raw, page, bbox FROM figures WHERE report_id = ? AND metric = 't2.fees.amount'")
      .get(outcome.reportId);
    assert.deepEqual(figure, { value: 7730.28, raw: "7730.28", page: 2, bbox: "[400,300,460,312]" });
    const counts = store.db
      .prepare("SELECT figure_count, issue_count, status, template FROM reports WHERE id = ?")
      .get(outcome.reportId);
    assert.deepEqual(counts, {
      figure_count: Object.keys(result.values).length,
      issue_count: 2,
      status: "issues",
      template: "2021",
    });
    const findings = store.db
      .prepare("SELECT code, metric, source_inconsistent FROM findings WHERE report_id = ? ORDER BY code")
      .all(outcome.reportId);
    assert.deepEqual(findings, [
      { code: "figure.unreadable", metric: "t2.fees.amount", source_inconsistent: 0 },
      { code: "identity.t4.review.total", metric: "t4.review.total", source_inconsistent: 1 },
    ]);
  } finally {
    cleanup();
  }
});

test("an unknown metric code is rejected with a message and nothing of the report is written", async () => {
  const { store, cleanup } = freshStore();
  try {
    const bad = withChanges(fixtureResult("nanyang-2023"), {});
    bad.values["t3.granted.aliens"] = 4;
    const outcome = await store.ingestDocument({ bytes: documentBytes(bad), path: "bad.txt" });
    assert.equal(outcome.status, "failed");
    assert.match(outcome.error ?? "", /unknown metric code t3\.granted\.aliens/);
    assert.equal(count(store, "reports"), 0);
    assert.equal(count(store, "figures"), 0);
    const document = store.db.prepare("SELECT parse_status, parse_error FROM documents").get() as {
      parse_status: string;
      parse_error: string;
    };
    assert.equal(document.parse_status, "failed");
    assert.match(document.parse_error, /unknown metric code/);
  } finally {
    cleanup();
  }
});

test("an unreadable document is recorded as failed and the next one still goes in", async () => {
  const { store, cleanup } = freshStore();
  try {
    const failed = await store.ingestDocument({
      bytes: new TextEncoder().encode("%PDF-garbage"),
      path: "x.pdf",
    });
    assert.equal(failed.status, "failed");
    assert.match(failed.error ?? "", /unsupported format/);
    assert.ok(failed.documentId);
    const next = await store.ingestDocument({
      bytes: documentBytes(fixtureResult("nanyang-2023")),
      path: "n.txt",
    });
    assert.equal(next.status, "new");
    assert.equal(next.agency, "南阳市招商投资促进局");
  } finally {
    cleanup();
  }
});

test("reparse replaces the report of documents parsed by an older parser, from the stored bytes", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  try {
    const old = openIngest(path, { parse: parseFixture, parserVersion: "0.9.0" });
    const first = await old.ingestDocument({
      bytes: documentBytes(fixtureResult("wolong-2023")),
      path: "w.txt",
    });
    old.close();

    const { documentsToReparse } = await import("../../src/store/reparse.js");
    // The newer parser reads one more figure differently.
    const newer = openIngest(path, {
      parserVersion: "0.10.0",
      parse: async (bytes) => {
        const result = await parseFixture(bytes);
        result.values["t3.new.natural"] = 1;
        result.values["t3.new.total"] = 1;
        return result;
      },
    });
    try {
      assert.deepEqual(documentsToReparse(newer.db, "0.10.0", false), [first.documentId]);
      const outcome = await newer.reparseDocument(first.documentId!);
      assert.equal(outcome.status, "updated");
      assert.deepEqual(documentsToReparse(newer.db, "0.10.0", false), []);
      const rows = newer.db
        .prepare(
          "SELECT r.parser_version, r.is_current, f.value FROM reports r JOIN figures f ON f.report_id = r.id WHERE f.metric = 't3.new.total'",
        )
        .all();
      assert.deepEqual(rows, [{ parser_version: "0.10.0", is_current: 1, value: 1 }]);
    } finally {
      newer.close();
    }
  } finally {
    cleanup();
  }
});

test("a report whose agency cannot be read is kept but has no place in the dataset", async () => {
  const { store, cleanup } = freshStore();
  try {
    const anonymous = withChanges(fixtureResult("wolong-2023"), { agency: null });
    const outcome = await store.ingestDocument({ bytes: documentBytes(anonymous), path: "anon.txt" });
    assert.equal(outcome.status, "failed");
    assert.match(outcome.error ?? "", /agency/);
    assert.equal(count(store, "report_overview"), 0);
    assert.equal(store.db.prepare("SELECT status FROM reports").pluck().get(), "unidentified");
  } finally {
    cleanup();
  }
});

test("same-named bodies in different places are not merged: hints place them, origins keep them apart", async () => {
  const { store, cleanup } = freshStore();
  try {
    const report = (year: number) =>
      withChanges(fixtureResult("wolong-2023"), { agency: "鼓楼区人民政府", year });
    const fuzhou = await store.ingestDocument({
      bytes: documentBytes(report(2023)),
      url: "http://www.gl.gov.cn/xxgk/2023.html",
      regionHint: "福建省福州市",
    });
    const nanjing = await store.ingestDocument({
      bytes: documentBytes(report(2022)),
      url: "http://www.njgl.gov.cn/2023.html",
      title: "南京市鼓楼区2023年政府信息公开工作年度报告",
    });
    const unplacedA = await store.ingestDocument({
      bytes: documentBytes(report(2021)),
      url: "http://a.example.cn/r.html",
    });
    const unplacedB = await store.ingestDocument({
      bytes: documentBytes(report(2020)),
      url: "http://b.example.cn/r.html",
    });
    const agencies = store.db.prepare("SELECT name, region_code, origin FROM agencies ORDER BY id").all() as {
      name: string;
      region_code: string | null;
      origin: string;
    }[];
    assert.deepEqual(
      agencies.map((a) => [a.name, a.region_code, a.origin]),
      [
        ["福州市鼓楼区人民政府", "350102", ""],
        ["南京市鼓楼区人民政府", "320106", ""],
        ["鼓楼区人民政府", null, "a.example.cn"],
        ["鼓楼区人民政府", null, "b.example.cn"],
      ],
    );
    assert.deepEqual(
      [fuzhou, nanjing, unplacedA, unplacedB].map((o) => o.status),
      ["new", "new", "new", "new"],
    );
    const note = store.db
      .prepare("SELECT region_note FROM agencies WHERE region_code IS NULL LIMIT 1")
      .pluck()
      .get();
    assert.match(String(note), /ambiguous region name: could be 江苏省南京市鼓楼区 \(320106\)/);
  } finally {
    cleanup();
  }
});

test("a reparse that fails keeps the report read before, and the document stays due for reparse", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  try {
    const old = openIngest(path, { parse: parseFixture, parserVersion: "1.0.0" });
    const first = await old.ingestDocument({
      bytes: documentBytes(fixtureResult("nanyang-2023")),
      path: "n.txt",
    });
    old.close();
    const broken = openIngest(path, {
      parserVersion: "1.1.0",
      parse: async () => {
        throw new Error("converter_failed: soffice exited with 1");
      },
    });
    try {
      const outcome = await broken.reparseDocument(first.documentId!);
      assert.equal(outcome.status, "failed");
      assert.match(outcome.error ?? "", /soffice exited with 1; kept the report read by parser 1\.0\.0/);
      const report = broken.db.prepare("SELECT id, is_current, figure_count FROM reports").get() as {
        id: number;
        is_current: number;
        figure_count: number;
      };
      assert.equal(report.id, first.reportId);
      assert.equal(report.is_current, 1);
      assert.equal(report.figure_count, Object.keys(fixtureResult("nanyang-2023").values).length);
      const { documentsToReparse } = await import("../../src/store/reparse.js");
      assert.deepEqual(documentsToReparse(broken.db, "1.1.0", false), [first.documentId]);
    } finally {
      broken.close();
    }
  } finally {
    cleanup();
  }
});

test("an ambiguous name is placed by the document's own text when nothing else tells", async () => {
  const { store, cleanup } = freshStore();
  try {
    const report = withChanges(fixtureResult("wolong-2023"), { agency: "鼓楼区人民政府", format: "text" });
    // The fixture "document" is JSON; its text carries the signature line a real report ends with.
    const text = { ...report, body: "福建省福州市鼓楼区人民政府办公室　2024年1月20日" };
    const outcome = await store.ingestDocument({
      bytes: documentBytes(text as typeof report),
      path: "r.txt",
    });
    assert.equal(outcome.agency, "福州市鼓楼区人民政府");
    assert.equal(store.db.prepare("SELECT region_code FROM agencies").pluck().get(), "350102");
  } finally {
    cleanup();
  }
});

test("figures read by OCR keep their confidence and first reading; the report counts them", async () => {
  const { store, cleanup } = freshStore();
  try {
    const result = fixtureResult("wolong-2023");
    const [read, corrected] = Object.keys(result.values);
    const sources = { ...result.sources };
    sources[read!] = { raw: "12", loc: { page: 2, bbox: [100, 200, 140, 220] }, ocr: { confidence: 96 } };
    sources[corrected!] = {
      raw: "8",
      loc: { page: 2, bbox: [140, 200, 180, 220] },
      ocr: { confidence: 41, first_reading: "3" },
    };
    const scan = withChanges(result, {
      sources,
      format: "scan",
      ocr: { engine: "tesseract 5.3.0", pages: 4, figures: 2, left_out: 5, corrected: 1 },
    });
    const { reportId } = await store.ingestDocument({ bytes: documentBytes(scan), path: "scan.pdf" });
    const rows = store.db
      .prepare(
        "SELECT metric, ocr_confidence, ocr_first_reading FROM figures WHERE report_id = ? AND ocr_confidence IS NOT NULL ORDER BY ocr_confidence DESC",
      )
      .all(reportId);
    assert.deepEqual(rows, [
      { metric: read, ocr_confidence: 96, ocr_first_reading: null },
      { metric: corrected, ocr_confidence: 41, ocr_first_reading: "3" },
    ]);
    const report = store.db
      .prepare("SELECT ocr_figures, ocr_left_out FROM reports WHERE id = ?")
      .get(reportId);
    assert.deepEqual(report, { ocr_figures: 2, ocr_left_out: 5 });
    // A born-digital report has no OCR counts.
    const plain = await store.ingestDocument({
      bytes: documentBytes(fixtureResult("hongze-2023")),
      path: "b.pdf",
    });
    assert.deepEqual(
      store.db.prepare("SELECT ocr_figures, ocr_left_out FROM reports WHERE id = ?").get(plain.reportId),
      {
        ocr_figures: null,
        ocr_left_out: null,
      },
    );
  } finally {
    cleanup();
  }
});
