// No wrong money figure: every form a unit takes in real copies (元, 万元, 亿元; in the cell, in the
// column header, in a header split over lines; thousands separators; full-width digits) in every
// document form, each asserted as the exact decimal in 万元 that parse --json must print.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "../../../parsers/index.js";
import { foldDigits, readNumber } from "../../../parsers/template/cells.js";
import { convertMoney, shiftDecimal } from "../../../parsers/template/units.js";
import { T2_LINES, reportText } from "./fixture-report.js";

/** The decimal text of `digits` (an integer string) with the point `places` from the right: exact. */
function decimalText(digits: string, places: number): string {
  const padded = digits.padStart(places + 1, "0");
  const whole = padded.slice(0, padded.length - places).replace(/^0+(?=\d)/, "");
  const frac = padded.slice(padded.length - places).replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}

/** A deterministic stream of amounts in 分 (0 to about 10^11), so the test is the same on every run. */
function* amounts(n: number): Generator<string> {
  let x = 20231231;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const digits = 1 + (x % 11);
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield String(x)
      .padStart(digits, "0")
      .slice(-digits)
      .replace(/^0+(?=\d)/, "");
  }
}

describe("money conversion is exact decimal arithmetic", () => {
  it("元 with 分 → 万元 prints the shifted decimal for thousands of amounts", () => {
    for (const fen of amounts(5000)) {
      const yuan = decimalText(fen, 2);
      const want = decimalText(fen, 6);
      assert.equal(String(shiftDecimal(yuan, -4)), String(Number(want)), `${yuan} 元`);
      assert.equal(
        String(convertMoney(Number(yuan), "元")),
        String(Number(want)),
        `${yuan} 元 (from a number)`,
      );
    }
  });

  it("亿元 → 万元 and 万元 → 万元", () => {
    for (const fen of amounts(2000)) {
      const yi = decimalText(fen, 6);
      assert.equal(String(shiftDecimal(yi, 4)), String(Number(decimalText(fen, 2))), `${yi} 亿元`);
      assert.equal(convertMoney(Number(yi), "万元"), Number(yi));
    }
  });

  it("the cases that show binary floating point", () => {
    assert.equal(JSON.stringify(convertMoney(120190475.34, "元")), "12019.047534");
    assert.equal(JSON.stringify(convertMoney(453754632.81, "元")), "45375.463281");
    assert.equal(JSON.stringify(convertMoney(0.3, "亿元")), "3000");
    assert.equal(JSON.stringify(convertMoney(1.1, "元")), "0.00011");
    assert.equal(JSON.stringify(convertMoney(1e-7, "亿元")), "0.001");
  });
});

describe("a money cell with its own unit", () => {
  const cases: [string, number][] = [
    ["120190475.34元", 12019.047534],
    ["120,190,475.34元", 12019.047534],
    ["120，190，475.34 元", 12019.047534],
    ["１２０，１９０，４７５．３４元", 12019.047534],
    ["251000元", 25.1],
    ["0.5万元", 0.5],
    ["1,234.5万元", 1234.5],
    ["1.2019047534亿元", 12019.047534],
    ["３亿元", 30000],
    ["0.07元", 0.000007],
  ];
  for (const [text, want] of cases) {
    it(`${text} → ${want} 万元`, () => {
      const token = readNumber(foldDigits(text));
      assert.ok(token, text);
      assert.equal(JSON.stringify(token.value), JSON.stringify(want));
    });
  }
});

/** Table 2 of the fixture report with its fee row replaced. */
const withFees = (header: string[], value: string[]): string[] => [
  ...T2_LINES.slice(0, -2),
  ...header,
  ...value,
];

/** The fixture report as an HTML page (each tab line a table row) or as Markdown pipe tables. */
function asHtml(text: string): string {
  const out: string[] = ["<html><head><meta charset='utf-8'></head><body>"];
  let open = false;
  for (const line of text.split("\n")) {
    if (line.includes("\t")) {
      if (!open) out.push("<table>");
      open = true;
      out.push(
        `<tr>${line
          .split("\t")
          .map((c) => `<td>${c}</td>`)
          .join("")}</tr>`,
      );
      continue;
    }
    if (open) out.push("</table>");
    open = false;
    out.push(`<p>${line}</p>`);
  }
  if (open) out.push("</table>");
  return out.join("\n") + "</body></html>";
}

function asMarkdown(text: string): string {
  const out: string[] = [];
  let width = 0;
  for (const line of text.split("\n")) {
    if (!line.includes("\t")) {
      if (width) out.push("");
      width = 0;
      out.push(line, "");
      continue;
    }
    const cells = line.split("\t");
    out.push(`| ${cells.join(" | ")} |`);
    if (!width) out.push(`|${cells.map(() => "---").join("|")}|`);
    width = cells.length;
  }
  return out.join("\n");
}

const FORMS: [string, (text: string) => string][] = [
  ["report.txt", (t) => t],
  ["report.html", asHtml],
  ["report.md", asMarkdown],
];

describe("money in every document form", () => {
  const cases: { name: string; header: string[]; value: string[]; want: number | undefined }[] = [
    {
      name: "元 in the cell",
      header: ["信息内容\t本年收费金额"],
      value: ["行政事业性收费\t251000元"],
      want: 25.1,
    },
    {
      name: "万元 (the template's unit, not printed)",
      header: ["信息内容\t本年收费金额"],
      value: ["行政事业性收费\t12.5"],
      want: 12.5,
    },
    {
      name: "亿元 in the cell",
      header: ["信息内容\t本年收费金额"],
      value: ["行政事业性收费\t0.35亿元"],
      want: 3500,
    },
    {
      name: "元 in the header",
      header: ["信息内容\t本年收费金额（元）"],
      value: ["行政事业性收费\t120190475.34"],
      want: 12019.047534,
    },
    {
      name: "单位：亿元 in the header",
      header: ["信息内容\t本年收费金额（单位：亿元）"],
      value: ["行政事业性收费\t1.2"],
      want: 12000,
    },
    {
      name: "thousands separators under 元",
      header: ["信息内容\t本年收费金额（元）"],
      value: ["行政事业性收费\t1,250,000.5"],
      want: 125.00005,
    },
    {
      name: "full-width digits under 元",
      header: ["信息内容\t本年收费金额（元）"],
      value: ["行政事业性收费\t１２５０００"],
      want: 12.5,
    },
    {
      name: "a unit we cannot convert",
      header: ["信息内容\t本年收费金额（千元）"],
      value: ["行政事业性收费\t125"],
      want: undefined,
    },
  ];
  for (const [name, render] of FORMS) {
    for (const c of cases) {
      it(`${name}: ${c.name} → ${c.want ?? "left out"}`, async () => {
        const text = render(reportText({ t2: withFees(c.header, c.value) }));
        const result = await parseDocument(new TextEncoder().encode(text), { name });
        assert.equal(JSON.stringify(result.values["t2.fees.amount"]), JSON.stringify(c.want));
        assert.equal(result.values["t2.normative.in_force"], 15);
      });
    }
  }

  it("a header split over lines in a crawler's dump: 采购总金额 / （元）", async () => {
    const t2 = [
      "第二十条第（九）项",
      "信息内容",
      "采购项目数量",
      "采购总金额",
      "（元）",
      "政府集中采购",
      "12",
      "120190475.34",
    ];
    const text = reportText({ title: "某某县交通运输局2020年政府信息公开工作年度报告", t2 });
    const result = await parseDocument(new TextEncoder().encode(text), { name: "report.txt" });
    assert.equal(result.template, "2019");
    assert.equal(result.values["t2.procurement.items"], 12);
    assert.equal(JSON.stringify(result.values["t2.procurement.amount"]), "12019.047534");
  });
});
