// Issue 9's reading classes, one test each, on the realistic report of fixture-report.ts copied out
// the way real copies damage it: crawler dumps with one cell per line, money units in headers, signed
// changes, run-together headings, Markdown from OCR. Each asserts the figures that must be read and
// that nothing is read wrong.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { T2_LINES, T2_VALUES, differences, expectedValues, parseText, reportText } from "./fixture-report.js";

/** A tab-separated report as a crawler dumps it: every non-empty cell on its own line (CRLF). */
function cellPerLine(text: string, options: { numbering?: "dot" | "bare" } = {}): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.includes("\t")) {
      out.push(line);
      continue;
    }
    for (const cell of line.split("\t").map((c) => c.trim())) {
      if (cell === "") continue;
      const item = /^(\d)[.、](.+)$/u.exec(cell);
      if (item && options.numbering) {
        out.push(options.numbering === "dot" ? `${item[1]}.` : item[1]!, item[2]!);
      } else out.push(cell);
    }
  }
  return out.join("\r\n");
}

const fees = (header: string[], value: string[]): string[] => [...T2_LINES.slice(0, -2), ...header, ...value];

describe("class 1: item numbers detached from their labels", () => {
  it("reads a one-cell-per-line dump whose item numbers stand on their own lines (2.)", async () => {
    const result = await parseText(cellPerLine(reportText(), { numbering: "dot" }));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("reads the same dump when the numbers lost their dots (2)", async () => {
    const result = await parseText(cellPerLine(reportText(), { numbering: "bare" }));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("keeps a row's last figure that merely equals the next item's number", async () => {
    // Numbering glued to every label: the figure 2 before "2.其他…" is the 总计 of 属于国家秘密.
    const rows = reportText().replace(
      "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
      "1.属于国家秘密\t1\t0\t0\t0\t1\t0\t2",
    );
    const text = cellPerLine(rows);
    const result = await parseText(text);
    assert.equal(result.values["t3.denied.state_secret.total"], 2);
    assert.equal(result.values["t3.denied.state_secret.legal"], 1);
  });
});

describe("class 3: money units", () => {
  const cases: { name: string; header: string[]; value: string[]; want: number | undefined }[] = [
    {
      name: "unit in the header (万元)",
      header: ["信息内容\t本年收费金额（单位：万元）"],
      value: ["行政事业性收费\t12.5"],
      want: 12.5,
    },
    {
      name: "unit 元 in the header",
      header: ["信息内容\t本年收费金额（单位：元）"],
      value: ["行政事业性收费\t125000"],
      want: 12.5,
    },
    {
      name: "header split over lines, the unit alone on a line",
      header: ["信息内容", "本年收费金额", "（元）"],
      value: ["行政事业性收费", "120190475.34"],
      want: 12019.047534,
    },
    {
      name: "unit split over three lines",
      header: ["信息内容", "本年收费金额", "(", "单位", ":", "元", ")"],
      value: ["行政事业性收费", "453754632.81"],
      want: 45375.463281,
    },
    {
      name: "thousands separators under a 元 header",
      header: ["信息内容\t本年收费金额（元）"],
      value: ["行政事业性收费\t120,190,475.34"],
      want: 12019.047534,
    },
    {
      name: "unit in the cell (元)",
      header: ["信息内容\t本年收费金额"],
      value: ["行政事业性收费\t120190475.34元"],
      want: 12019.047534,
    },
    {
      name: "unit in the cell wins over the header",
      header: ["信息内容\t本年收费金额（元）"],
      value: ["行政事业性收费\t1.5万元"],
      want: 1.5,
    },
    {
      name: "亿元 in the cell",
      header: ["信息内容\t本年收费金额"],
      value: ["行政事业性收费\t1.2019047534亿元"],
      want: 12019.047534,
    },
    {
      name: "亿元 in the header",
      header: ["信息内容\t本年收费金额（单位：亿元）"],
      value: ["行政事业性收费\t0.35"],
      want: 3500,
    },
    {
      name: "full-width digits",
      header: ["信息内容\t本年收费金额（单位：元）"],
      value: ["行政事业性收费\t１２０１９０４７５．３４"],
      want: 12019.047534,
    },
    {
      name: "a unit we cannot convert is left out",
      header: ["信息内容\t本年收费金额（千元）"],
      value: ["行政事业性收费\t125"],
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want ?? "left out"}`, async () => {
      const result = await parseText(reportText({ t2: fees(c.header, c.value) }));
      assert.equal(result.values["t2.fees.amount"], c.want);
      const others = { ...T2_VALUES };
      delete others["t2.fees.amount"];
      for (const [code, v] of Object.entries(others)) assert.equal(result.values[code], v, code);
      if (c.want === undefined)
        assert.ok(result.issues.some((i) => i.metric === "t2.fees.amount" && i.code === "figure.unreadable"));
    });
  }

  it("prints exact decimals in parse --json (no binary floating point residue)", async () => {
    const result = await parseText(
      reportText({ t2: fees(["信息内容", "本年收费金额", "（元）"], ["行政事业性收费", "120190475.34"]) }),
    );
    assert.equal(JSON.stringify(result.values["t2.fees.amount"]), "12019.047534");
  });
});
