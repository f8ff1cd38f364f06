import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as cheerio from "cheerio";
import iconv from "iconv-lite";
import { metricsOf } from "../../src/model/metrics.js";
import { renderCorpusDocument, type RenderedDocument } from "../../src/synth/index.js";
import { checkIdentities } from "../../src/synth/identities.js";
import { parseCellValue } from "../../src/synth/cells.js";
import { T3_COLUMNS } from "../../src/synth/shape.js";

const docs = (form: "html" | "text" | "markdown", n: number, extra = {}): RenderedDocument[] =>
  Array.from({ length: n }, (_, i) =>
    renderCorpusDocument(i, { seed: `test-${form}`, forms: [form], ...extra }),
  );

function decodeHtml(doc: RenderedDocument): string {
  const head = Buffer.from(doc.bytes.slice(0, 400)).toString("latin1");
  return /charset=(gb2312|gbk)/i.test(head)
    ? iconv.decode(Buffer.from(doc.bytes), "gbk")
    : new TextDecoder().decode(doc.bytes);
}

/** Expands rowspan/colspan the way a browser does; returns each row's slot texts. */
function tableGrid($: cheerio.CheerioAPI, table: cheerio.Cheerio<never>): string[][] {
  const grid: string[][] = [];
  $(table)
    .find("tr")
    .each((r, tr) => {
      grid[r] ??= [];
      let c = 0;
      $(tr)
        .children("td,th")
        .each((_, td) => {
          while (grid[r]![c] !== undefined) c++;
          const text = $(td)
            .text()
            .replace(/\u00a0/g, " ")
            .replace(/\s+/g, "")
            .trim();
          const rs = Number($(td).attr("rowspan") ?? 1);
          const cs = Number($(td).attr("colspan") ?? 1);
          for (let dr = 0; dr < rs; dr++)
            for (let dc = 0; dc < cs; dc++) (grid[r + dr] ??= [])[c + dc] = text;
          c += cs;
        });
    });
  return grid;
}

describe("synthetic documents", () => {
  it("pre-2019 prose-only reports: figures only in sentences, truth without template or figures", () => {
    for (const form of ["html", "text", "markdown"] as const) {
      for (const doc of docs(form, 4, { proseOnlyShare: 1 })) {
        assert.equal(doc.truth.template, null);
        assert.deepEqual(doc.truth.values, {});
        assert.deepEqual(doc.truth.hazards.slice(0, 1), ["pre_2019_prose_only"]);
        assert.ok(doc.truth.year >= 2012 && doc.truth.year <= 2018);
        assert.match(doc.name, /-pre2019-/);
        const text =
          form === "html" ? cheerio.load(decodeHtml(doc)).text() : new TextDecoder().decode(doc.bytes);
        assert.match(text, /主动公开政府信息[0-9]+条/);
        assert.ok(!text.includes("本年新收政府信息公开申请数量"), "no national table 3");
      }
    }
  });

  it("a prose-only share leaves the other documents of the corpus unchanged", () => {
    for (let i = 0; i < 12; i++) {
      const mixed = renderCorpusDocument(i, { seed: "mix", proseOnlyShare: 0.5 });
      if (mixed.truth.template === null) continue;
      assert.deepEqual(mixed.bytes, renderCorpusDocument(i, { seed: "mix" }).bytes);
    }
  });

  it("are deterministic from the seed", () => {
    for (const form of ["html", "text", "markdown"] as const) {
      const a = renderCorpusDocument(5, { seed: "det", forms: [form] });
      const b = renderCorpusDocument(5, { seed: "det", forms: [form] });
      assert.deepEqual(a.bytes, b.bytes);
      assert.deepEqual(a.truth, b.truth);
      assert.notDeepEqual(renderCorpusDocument(6, { seed: "det", forms: [form] }).bytes, a.bytes);
    }
  });

  it("carry a truth that covers the template: values plus undeterminable, minus collapsed (六) items", () => {
    for (const doc of [...docs("html", 20), ...docs("text", 48), ...docs("markdown", 20)]) {
      const { truth } = doc;
      assert.ok(truth.template !== null, "default corpora hold only reports with the national tables");
      const codes = new Set(metricsOf(truth.template).map((m) => m.code));
      for (const code of Object.keys(truth.values))
        assert.ok(codes.has(code), `${doc.name}: ${code} is a ${truth.template} metric`);
      for (const code of truth.undeterminable)
        assert.ok(!(code in truth.values), `${doc.name}: ${code} is not in both lists`);
      const collapsed = truth.hazards.includes("t3_other_collapsed");
      for (const code of codes) {
        const isItem = /^t3\.other\.(no_correction|no_fee|other)\./.test(code);
        if (collapsed && isItem) continue;
        assert.ok(
          code in truth.values || truth.undeterminable.includes(code),
          `${doc.name}: ${code} accounted for`,
        );
      }
      assert.deepEqual(
        truth.issues.map((i) => i.code),
        checkIdentities(truth.template, truth.values).map((i) => i.code),
      );
      assert.ok(truth.agency.length > 1 && truth.year >= 2019 && truth.year <= 2025);
      assert.ok(doc.truth.hazards.length > 0, "every document names its hazards");
    }
  });

  it("HTML: tables parse with cheerio into the national table 3 grid holding the truth's figures", () => {
    for (const doc of docs("html", 30)) {
      const $ = cheerio.load(decodeHtml(doc));
      const t3 = $("table")
        .filter((_, t) => $(t).text().includes("本年新收"))
        .first();
      // Word's zero-height spacer row holds no text; it is not a table row of the report.
      const grid = tableGrid($, t3 as never).filter((row) => row.some((text) => text !== ""));
      const { truth } = doc;
      const withTotal = !truth.hazards.includes("t3_no_total_column");
      const columns = withTotal ? 7 : 6;
      const outcomes = truth.template === "2021" && !truth.hazards.includes("t3_other_collapsed") ? 22 : 20;
      assert.equal(grid.length, 3 + 2 + outcomes + 1, `${doc.name}: table 3 rows`);
      for (const row of grid)
        assert.equal(row.length, 3 + columns, `${doc.name}: every row spans the full width`);
      const newRow = grid.find((r) => r[0]!.startsWith("一、本年新收"))!;
      T3_COLUMNS.slice(0, columns).forEach((column, i) => {
        const printed = parseCellValue(newRow[3 + i]!);
        const code = `t3.new.${column}`;
        if (code in truth.values) assert.equal(printed, truth.values[code], `${doc.name}: ${code}`);
      });
      assert.ok($("title").text().length > 0);
    }
  });

  it("HTML: table 2 split into one table per 第二十条 item", () => {
    for (const doc of docs("html", 6, { html: { splitTable2: true } })) {
      const $ = cheerio.load(decodeHtml(doc));
      const pieces = $("table").filter((_, t) => $(t).find("tr").first().text().includes("第二十条"));
      assert.equal(pieces.length, doc.truth.template === "2021" ? 4 : 5, doc.name);
      assert.ok(doc.truth.hazards.includes("t2_split_tables"));
    }
  });

  it("HTML: GBK pages declare their charset and decode to the title", () => {
    const gbk = docs("html", 5, { html: { encoding: "gbk" } });
    for (const doc of gbk) {
      assert.ok(doc.truth.hazards.includes("gbk_encoding"));
      assert.ok(!new TextDecoder("utf-8", { fatal: false }).decode(doc.bytes).includes(doc.truth.agency));
      assert.ok(decodeHtml(doc).includes(doc.truth.agency));
    }
  });

  it("text (tabs): the 本年新收 line holds the row's figures in column order", () => {
    for (const doc of docs("text", 20, {
      text: { style: "tabs", brokenLabels: false, gluedFooter: false },
    })) {
      const text = new TextDecoder().decode(doc.bytes);
      const line = text.split("\n").find((l) => l.startsWith("一、本年新收"))!;
      // The label's merged cell covers three grid columns, or one when the copy is ragged.
      const cells = line.split("\t").slice(doc.truth.hazards.includes("tabs_ragged_rows") ? 1 : 3);
      const withTotal = !doc.truth.hazards.includes("t3_no_total_column");
      T3_COLUMNS.slice(0, withTotal ? 7 : 6).forEach((column, i) => {
        assert.equal(
          parseCellValue(cells[i] ?? ""),
          doc.report.figures.values[`t3.new.${column}`],
          `${doc.name} ${column}`,
        );
      });
    }
  });

  it("text (aligned): table 3 figures are centred in the same display columns (CJK counts two)", () => {
    const displayWidth = (s: string): number =>
      [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
    const aligned = { style: "aligned", footers: false, brokenLabels: false, gluedFooter: false } as const;
    for (const doc of docs("text", 6, {
      text: aligned,
      report: { layout: { shiftSpans: false, zeroStyle: "0" } },
    })) {
      const lines = new TextDecoder().decode(doc.bytes).split("\n");
      const first = lines.findIndex((l) => l.startsWith("一、本年新收"));
      const last = lines.findIndex((l) => l.startsWith("四、结转下年度继续办理"));
      // Doubled centre of every figure; odd padding may move it by one half column.
      const centres = lines
        .slice(first, last + 1)
        .map((line) =>
          [...line.matchAll(/(?<=\s)[0-9]+(?=\s|$)/g)].map(
            (m) => 2 * displayWidth(line.slice(0, m.index)) + m[0].length,
          ),
        );
      for (const row of centres) {
        assert.equal(row.length, centres[0]!.length, `${doc.name}: same number of figures`);
        row.forEach((c, k) =>
          assert.ok(Math.abs(c - centres[0]![k]!) <= 1, `${doc.name}: figure ${k} is in its column`),
        );
      }
    }
  });

  it("text (run together, merged cells): lossy forms mark what they cannot determine", () => {
    const lossy = [
      ...docs("text", 15, { text: { style: "run_together" } }),
      ...docs("text", 15, { text: { style: "cell_lines" } }),
    ];
    assert.ok(lossy.some((d) => d.truth.undeterminable.length > 0));
    const runTogether = lossy[0]!;
    assert.ok(!new TextDecoder().decode(runTogether.bytes).includes("\t"));
    for (const doc of docs("text", 20, { text: { style: "tabs" } }))
      assert.deepEqual(
        doc.truth.undeterminable.filter((c) => !c.endsWith(".total")),
        [],
      );
  });

  it("Markdown: pipe tables with one row per table row", () => {
    for (const doc of docs("markdown", 20, { markdown: { style: "pipe" } })) {
      const lines = new TextDecoder().decode(doc.bytes).split("\n");
      const t3Rows = lines.filter(
        (l) => l.startsWith("| ") && /本年新收|结转|予以公开|部分公开|\d\.|总计/.test(l),
      );
      assert.ok(t3Rows.length >= 24, `${doc.name}: ${t3Rows.length} table 3 rows`);
    }
    const pdf = docs("markdown", 10, { markdown: { style: "pdf_text" } });
    assert.ok(pdf.every((d) => d.truth.hazards.includes("markdown_pdf_text")));
  });
});
