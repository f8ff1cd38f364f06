// A scan's agency is checked against the regions' place names (parsers/ocr/scan-title.ts): the
// titles below are what tesseract read from scans of real reports (洪泽区 as 潜译区, a doubtful
// character as U+FFFD, 年度报告 cut to 年度报). No OCR engine needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { scanMetadata } from "../../../parsers/ocr/scan-title.js";
import type { DocumentIR } from "../../../src/model/ir.js";

const PROSE = "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和";

function scan(...lines: string[]): DocumentIR {
  return { format: "scan", blocks: lines.map((text) => ({ kind: "text", text })), notes: [] };
}

test("a doubtful character of the place is filled from the one region the report's lines name", () => {
  const ir = scan("潜\uFFFD区人民政府2023年政府信息公开工作年度报告", PROSE);
  assert.deepEqual(scanMetadata({ agency: null, year: 2023 }, ir), { agency: "洪泽区人民政府", year: 2023 });
  const cut = scan("\uFFFD泽区人民政府2023年政府信息公开工作年度报\uFFFD", PROSE);
  assert.deepEqual(scanMetadata({ agency: null, year: null }, cut), { agency: "洪泽区人民政府", year: 2023 });
});

test("a misread place that is no region is corrected from the report's lines, or dropped", () => {
  const title = "淮安市潜译区人民政府2024年政府信息公开工作年度报告";
  const found = { agency: "淮安市潜译区人民政府", year: 2024 };
  assert.deepEqual(scanMetadata(found, scan(title, PROSE)), { agency: "淮安市洪泽区人民政府", year: 2024 });
  // One character off a region of 淮安市 and no line to correct it: no agency rather than a wrong one.
  const near = { agency: "淮安市洪译区人民政府", year: 2024 };
  assert.equal(scanMetadata(near, scan("淮安市洪译区人民政府2024年政府信息公开工作年度报告")).agency, null);
  // Doubtful, and no other line names the place.
  assert.equal(
    scanMetadata({ agency: null, year: null }, scan("潜\uFFFD区人民政府2023年政府信息公开工作年度报告"))
      .agency,
    null,
  );
});

test("known places and names that are no place are kept as read", () => {
  assert.deepEqual(
    scanMetadata({ agency: null, year: null }, scan("莆田市林业局2019年度政府信息公开工作年度报")),
    { agency: "莆田市林业局", year: 2019 },
  );
  const zone = { agency: "郑州市高新区管委会", year: 2023 };
  assert.deepEqual(scanMetadata(zone, scan("郑州市高新区管委会2023年政府信息公开工作年度报告")), zone);
  const county = { agency: "淮安市洪泽区人民政府", year: 2024 };
  assert.deepEqual(scanMetadata(county, scan("淮安市洪泽区人民政府2024年政府信息公开工作年度报告")), county);
});

test("report words read doubtful or run onto the next line, and a title in two lines, are completed", () => {
  const none = { agency: null, year: null };
  // 年度报告's last two characters both doubtful (洪泽区 2024 at 150 dpi); the agency on the line above.
  assert.deepEqual(
    scanMetadata(none, scan("淮安市洪泽区人民政府", "2024年政府信息公开工作年度\uFFFD\uFFFD", PROSE)),
    { agency: "淮安市洪泽区人民政府", year: 2024 },
  );
  // A doubtful 年 between the year and the report words (莆田 2024, LibreOffice print, 300 dpi).
  assert.deepEqual(scanMetadata(none, scan("莆田市林业局2024 \uFFFD政府信息公开工作年度报")), {
    agency: "莆田市林业局",
    year: 2024,
  });
  // "…工作年度" / "报告": a big title wrapped before its last word.
  assert.deepEqual(scanMetadata(none, scan("莆田市林业局2019年度政府信息公开工作年度", "报告")), {
    agency: "莆田市林业局",
    year: 2019,
  });
  // Only the template's words are filled in: a doubtful character of the agency stays unknown.
  assert.deepEqual(scanMetadata(none, scan("\uFFFD\uFFFD市林业局2024年政府信息公开工作年度报告")), {
    agency: null,
    year: 2024,
  });
  // A doubtful character after a year that the report words do not follow is no 年.
  assert.deepEqual(scanMetadata(none, scan("莆田市林业局2024 \uFFFD工作总结")), none);
});

test("a doubtful last character of the agency is not filled from another line", () => {
  // A photographed title: the agency line ends in a stray mark read as a doubtful character; the
  // prose names the agency's office ("…人民政府办公室"): no agency rather than "…人民政府办".
  const ir = scan("准安市洪泽区人民政府\uFFFD", "|2024年政府信息公开工作年度报告|", PROSE);
  assert.deepEqual(scanMetadata({ agency: null, year: null }, ir), { agency: null, year: 2024 });
});
