// Born-digital copies of a report made by other tools (scripts/variants/make.ts makes them from the
// shared corpus): a text copy of a paged document keeps each page's running head and footer, also
// in the middle of a table. Each test asserts the figures read and that nothing is read wrong.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { differences, expectedValues, parseText, reportText } from "./fixture-report.js";
import { cellPerLine } from "../../../src/synth/index.js";

const TITLE = "南阳市卧龙区农业农村局 2023 年政府信息公开工作年度报告";

/** A page break as a text copy prints it: the footer, a blank line, the next page's running head. */
function pageBreakAfter(lines: string[], at: (line: string, i: number) => boolean, page: number): string[] {
  const i = lines.findIndex(at);
  assert.ok(i >= 0, "the break's anchor line is in the copy");
  return [...lines.slice(0, i + 1), `- ${page} -`, "", TITLE, ...lines.slice(i + 1)];
}

describe("running heads of a paged copy", () => {
  it("reads a row whose figures a page break (footer + running head) cuts in two", async () => {
    let lines = cellPerLine(reportText()).split("\r\n");
    // 行政规范性文件 2 | 1 15: the head between 本年制发件数 and 本年废止件数.
    lines = pageBreakAfter(lines, (l, i) => l === "2" && lines[i - 1] === "行政规范性文件", 2);
    // 四、结转下年度继续办理 2 0 0 | 0 0 0 2: table 3's last row cut too.
    lines = pageBreakAfter(lines, (l, i) => l === "0" && lines[i - 3] === "四、结转下年度继续办理", 3);
    const result = await parseText(lines.join("\n"));
    assert.deepEqual(differences(result, expectedValues()), []);
    assert.equal(result.agency, "南阳市卧龙区农业农村局");
  });

  it("keeps a line beside a footer that does not repeat (it is no running head)", async () => {
    const lines = reportText().split("\n");
    const i = lines.indexOf("二、主动公开政府信息情况");
    lines.splice(i, 0, "- 1 -", "本机关2023年信息公开工作持续推进");
    const result = await parseText(lines.join("\n"));
    assert.deepEqual(differences(result, expectedValues()), []);
  });
});
