// Variants of the shared corpus's real reports in the born-digital forms users meet, each with the
// original's truth, written as a corpus score.mjs can score (DIR/docs/NAME.EXT + DIR/truth/NAME.json):
//
//   PDF          → text as pdftotext copies it (default, -raw, -layout) and as pdf.js's text content
//                  (items in content order, a line break where pdf.js marks an end of line);
//   HTML page    → the browser's innerText (Chromium headless via playwright-core), LibreOffice's
//                  HTML→TXT, printed to PDF by Chromium and by LibreOffice (then also copied as text
//                  by pdftotext), saved as DOCX / DOC (Word 97) / ODT by LibreOffice, the DOCX saved
//                  back as text by LibreOffice; the page with every row its own table, with its
//                  tables inside a layout table, and with table 3 cut at a page break and its
//                  header rows repeated (scripts/variants/html-forms.ts); printed by Chromium on
//                  A5, on US Letter landscape and with the browser's header and footer
//                  (scripts/variants/print-forms.ts); the DOCX printed to PDF by LibreOffice;
//   text         → printed to PDF by LibreOffice Writer (~writer), then copied as text;
//                  also the text dumps crawlers make of it (one line per text node or per cell,
//                  tags stripped) and Markdown as converters write it (scripts/variants/dumps.ts),
//                  and the copies of w3m, lynx, html2text and pandoc (plain, Markdown, GFM), also
//                  pandoc's of the DOCX;
//                  also opened in LibreOffice Calc and saved as XLSX/XLS (~calc), and its tables
//                  as a workbook the way Excel/WPS save one (~sheets, scripts/variants/sheets.ts);
//   every PDF above (the originals and the prints) → OFD as PDF→OFD converters write it, one text
//                  object per glyph (~ofd-glyphs) and per run with a CTM and DeltaX (~ofd-runs)
//                  (scripts/variants/ofd.ts);
//   text, Markdown and the copies above → the copy damage of scripts/variants/damage.ts.
//
// Variant names: ORIGINAL~KIND[~DAMAGE].EXT. Nothing is written inside the repository.
// Needs poppler-utils, LibreOffice and Chromium (scripts/install-system-deps.sh), and for the page
// tools' copies w3m, lynx, html2text and pandoc (apt; not needed by the tests); a form whose tool
// is missing is skipped with a message.
//
//   npx tsx scripts/variants/make.ts --out DIR [--corpus ../shared/corpus] [--only NAME,NAME]
//   node ../shared/tools/score.mjs --corpus DIR --cmd 'node bin/nianbao.js parse {file} --json' --verbose
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { convertWithSoffice } from "../../parsers/ole/soffice.js";
import { withPdfDocument } from "../../parsers/pdf/open.js";
import { args } from "../scans/make.js";
import { chromiumPdf, sharedCorpus } from "../scans/real.js";
import { DAMAGE, type DamageKind } from "./damage.js";
import { HTML_DUMPS, HTML_MARKDOWN, type HtmlDumpKind, type HtmlMarkdownKind } from "./dumps.js";
import { HTML_FORMS, type HtmlFormKind } from "./html-forms.js";
import { inChromium } from "./chromium-pages.js";
import { printForms } from "./print-forms.js";
import { ofdFromPdf } from "./ofd-from-pdf.js";
import { workbookOf } from "./sheets.js";

interface Variant {
  name: string;
  ext: string;
  bytes: Uint8Array | string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function pdftotext(pdf: Uint8Array, flags: string[]): string | null {
  const work = mkdtempSync(join(tmpdir(), "nianbao-variants-"));
  try {
    writeFileSync(join(work, "in.pdf"), pdf);
    return execFileSync("pdftotext", [...flags, "-enc", "UTF-8", join(work, "in.pdf"), "-"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    console.error(`pdftotext failed (${String(error).split("\n")[0]}): skipped`);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Text and Markdown other programs make of an HTML page, each a real crawler's or user's tool (Debian
 * packages w3m, lynx, html2text, pandoc; a missing one is skipped with a message).
 */
const PAGE_TOOLS: { kind: string; ext: string; cmd: string; args: (file: string) => string[] }[] = [
  {
    kind: "w3m",
    ext: "txt",
    cmd: "w3m",
    args: (f) => ["-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80", f],
  },
  {
    kind: "lynx",
    ext: "txt",
    cmd: "lynx",
    args: (f) => ["-dump", "-nolist", "-display_charset=utf-8", "-assume_charset=utf-8", "-width=80", f],
  },
  { kind: "html2text", ext: "txt", cmd: "html2text", args: (f) => ["-utf8", "-width", "80", f] },
  {
    kind: "pandoc-plain",
    ext: "txt",
    cmd: "pandoc",
    args: (f) => ["-f", "html", "-t", "plain", "--columns=80", f],
  },
  {
    kind: "pandoc",
    ext: "md",
    cmd: "pandoc",
    args: (f) => ["-f", "html", "-t", "markdown", "--columns=80", f],
  },
  {
    kind: "pandoc-gfm",
    ext: "md",
    cmd: "pandoc",
    args: (f) => ["-f", "html", "-t", "gfm", "--columns=80", f],
  },
];

function pageToolCopies(name: string, html: Uint8Array): Variant[] {
  const out: Variant[] = [];
  const work = mkdtempSync(join(tmpdir(), "nianbao-variants-"));
  try {
    const file = join(work, "page.html");
    writeFileSync(file, html);
    for (const tool of PAGE_TOOLS) {
      try {
        const copy = execFileSync(tool.cmd, tool.args(file), {
          encoding: "utf8",
          maxBuffer: 64 << 20,
          stdio: ["ignore", "pipe", "ignore"],
        });
        out.push({ name: `${name}~${tool.kind}`, ext: tool.ext, bytes: copy });
      } catch (error) {
        console.error(`${tool.cmd} failed (${String(error).split("\n")[0]}): ${tool.kind} skipped`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** The DOCX as pandoc writes it: plain text, pandoc Markdown, GFM (a common DOCX → text path). */
function docxToolCopies(name: string, docx: Uint8Array): Variant[] {
  const out: Variant[] = [];
  const work = mkdtempSync(join(tmpdir(), "nianbao-variants-"));
  try {
    const file = join(work, "report.docx");
    writeFileSync(file, docx);
    for (const [kind, to, ext] of [
      ["docx-pandoc-plain", "plain", "txt"],
      ["docx-pandoc", "markdown", "md"],
      ["docx-pandoc-gfm", "gfm", "md"],
    ] as const) {
      try {
        const copy = execFileSync("pandoc", ["-f", "docx", "-t", to, "--columns=80", file], {
          encoding: "utf8",
          maxBuffer: 64 << 20,
          stdio: ["ignore", "pipe", "ignore"],
        });
        out.push({ name: `${name}~${kind}`, ext, bytes: copy });
      } catch (error) {
        console.error(`pandoc failed (${String(error).split("\n")[0]}): ${kind} skipped`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** The text a PDF viewer built on pdf.js copies: text-content items in order, EOL marks as line breaks. */
async function pdfjsText(pdf: Uint8Array): Promise<string> {
  return withPdfDocument(pdf, async (doc) => {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let out = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        out += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(out);
    }
    return pages.join("\n");
  });
}

/** document.body.innerText of each page in Chromium (what select-all + copy gives). */
function innerTexts(pages: Map<string, Uint8Array>): Promise<Map<string, string>> {
  return inChromium(pages, "innerText", (page) => page.evaluate<string>("document.body.innerText"));
}

async function soffice(
  bytes: Uint8Array,
  from: string,
  convertTo: string,
  ext: string,
  html = false,
  inputFilter?: string,
) {
  try {
    return await convertWithSoffice(bytes, {
      inputExtension: from,
      convertTo,
      outputExtension: ext,
      ...(html ? { inputFilter: "HTML (StarWriter)" } : inputFilter ? { inputFilter } : {}),
    });
  } catch (error) {
    console.error(`soffice ${from}→${ext} failed (${String(error).split("\n")[0]}): skipped`);
    return null;
  }
}

const TXT = "txt:Text (encoded):UTF8";
/** LibreOffice's plain-text import, UTF-8 (without it a .txt may be guessed as another charset). */
const TXT_IN = "Text (encoded):UTF8,LF,,,";

async function pdfTexts(name: string, pdf: Uint8Array): Promise<Variant[]> {
  const out: Variant[] = [];
  for (const [kind, flags] of [
    ["pdftotext", []],
    ["pdftotext-raw", ["-raw"]],
    ["pdftotext-layout", ["-layout"]],
  ] as const) {
    const t = pdftotext(pdf, [...flags]);
    if (t !== null) out.push({ name: `${name}~${kind}`, ext: "txt", bytes: t });
  }
  out.push({ name: `${name}~pdfjs`, ext: "txt", bytes: await pdfjsText(pdf) });
  for (const style of ["glyphs", "runs"] as const)
    out.push({ name: `${name}~ofd-${style}`, ext: "ofd", bytes: await ofdFromPdf(pdf, style) });
  return out;
}

/** Every variant of the corpus's documents (without damage). */
async function variantsOf(corpus: string, only: string[] | undefined): Promise<Variant[]> {
  const out: Variant[] = [];
  const htmlPages = new Map<string, Uint8Array>();
  for (const file of readdirSync(join(corpus, "docs")).sort()) {
    const name = basename(file, extname(file));
    if (only && !only.some((o) => name.includes(o))) continue;
    const ext = extname(file).slice(1).toLowerCase();
    const bytes = new Uint8Array(readFileSync(join(corpus, "docs", file)));
    if (ext === "pdf") out.push(...(await pdfTexts(name, bytes)));
    else if (ext === "html" || ext === "htm") {
      htmlPages.set(name, bytes);
      for (const kind of Object.keys(HTML_FORMS) as HtmlFormKind[]) {
        out.push({ name: `${name}~${kind}`, ext, bytes: HTML_FORMS[kind](text(bytes)) });
      }
      for (const kind of Object.keys(HTML_DUMPS) as HtmlDumpKind[]) {
        out.push({ name: `${name}~${kind}`, ext: "txt", bytes: HTML_DUMPS[kind](text(bytes)) });
      }
      for (const kind of Object.keys(HTML_MARKDOWN) as HtmlMarkdownKind[]) {
        out.push({ name: `${name}~${kind}`, ext: "md", bytes: HTML_MARKDOWN[kind](text(bytes)) });
      }
      out.push(...pageToolCopies(name, bytes));
      const chrome = chromiumPdf(bytes, name);
      if (chrome) {
        out.push({ name: `${name}~chromium`, ext: "pdf", bytes: chrome });
        out.push(...(await pdfTexts(`${name}~chromium`, chrome)));
      } else console.error("Chromium not found: print-to-PDF variants skipped");
      const lo = await soffice(bytes, "html", "pdf", "pdf", true);
      if (lo) {
        out.push({ name: `${name}~soffice`, ext: "pdf", bytes: lo });
        out.push(...(await pdfTexts(`${name}~soffice`, lo)));
      }
      const txt = await soffice(bytes, "html", TXT, "txt", true);
      if (txt) out.push({ name: `${name}~soffice`, ext: "txt", bytes: txt });
      const docx = await soffice(bytes, "html", "docx:MS Word 2007 XML", "docx", true);
      if (docx) {
        out.push({ name: `${name}~soffice`, ext: "docx", bytes: docx });
        const back = await soffice(docx, "docx", TXT, "txt");
        if (back) out.push({ name: `${name}~soffice-docx`, ext: "txt", bytes: back });
        out.push(...docxToolCopies(name, docx));
        // The Word file printed to PDF (its table now a Writer table, not an HTML one).
        const printed = await soffice(docx, "docx", "pdf:writer_pdf_Export", "pdf");
        if (printed) out.push({ name: `${name}~soffice-docx`, ext: "pdf", bytes: printed });
      }
      const doc = await soffice(bytes, "html", "doc:MS Word 97", "doc", true);
      if (doc) out.push({ name: `${name}~soffice`, ext: "doc", bytes: doc });
      const odt = await soffice(bytes, "html", "odt", "odt", true);
      if (odt) out.push({ name: `${name}~soffice`, ext: "odt", bytes: odt });
      // The page opened in LibreOffice Calc and saved as XLSX / XLS (needs libreoffice-calc), and
      // its tables written as a workbook the way Excel/WPS save one (scripts/variants/sheets.ts).
      for (const ext of ["xlsx", "xls"]) {
        const sheet = await soffice(bytes, "html", ext, ext, false, "HTML (StarCalc)");
        if (sheet) out.push({ name: `${name}~calc`, ext, bytes: sheet });
      }
      out.push({
        name: `${name}~sheets`,
        ext: "xlsx",
        bytes: await workbookOf(bytes, reportTitle(corpus, name)),
      });
    } else if (ext === "txt" || ext === "md") {
      out.push({ name, ext, bytes: text(bytes) });
      // The text report printed to PDF by LibreOffice Writer (its plain-text import: one
      // paragraph a line, tabs kept as tab stops), as a user opening the .txt and exporting does.
      const printed = await soffice(bytes, "txt", "pdf:writer_pdf_Export", "pdf", false, TXT_IN);
      if (printed) {
        out.push({ name: `${name}~writer`, ext: "pdf", bytes: printed });
        out.push(...(await pdfTexts(`${name}~writer`, printed)));
      }
    }
  }
  for (const [name, t] of await innerTexts(htmlPages))
    out.push({ name: `${name}~innertext`, ext: "txt", bytes: t });
  for (const [name, forms] of await printForms(htmlPages))
    for (const [form, pdf] of forms) out.push({ name: `${name}~${form}`, ext: "pdf", bytes: pdf });
  return out;
}

/** Damage applied to the text copies a user most often pastes (original text/Markdown, innerText, pdftotext). */
function damaged(variants: Variant[], corpus: string): Variant[] {
  const out: Variant[] = [];
  for (const v of variants) {
    if (typeof v.bytes !== "string") continue;
    // Other PDF copies get the damage of how they are pasted (one space between cells, the
    // table's header again after a page break).
    const other = /~(pdftotext-layout|pdftotext-raw|pdfjs)$/.test(v.name);
    // Crawler dumps of a page (one line per text node or cell) get the damage of how crawlers
    // write them.
    const dump = /~(textnodes|cells|tagstrip|tagflat)$/.test(v.name);
    if (v.name.includes("~") && !other && !dump && !/~(innertext|pdftotext)$/.test(v.name)) continue;
    if (v.name.includes("~writer")) continue; // the printed text report's copies: undamaged
    const truth = JSON.parse(readFileSync(truthFile(corpus, v.name), "utf8")) as {
      agency: string;
      year: number;
    };
    const title = `${truth.agency}${truth.year}年政府信息公开工作年度报告`;
    for (const kind of Object.keys(DAMAGE) as DamageKind[]) {
      if (other && kind !== "onespace" && kind !== "repeatheads") continue;
      if (dump && !DUMP_DAMAGE.has(kind)) continue;
      // Crawlers merge the repeated cells of their own one-cell-per-line dumps, not of copies.
      if ((kind === "merged" || kind === "dropmerge") && v.name.includes("~") && !dump) continue;
      const changed: string = DAMAGE[kind](v.bytes, title);
      if (changed !== v.bytes) out.push({ name: `${v.name}~${kind}`, ext: v.ext, bytes: changed });
    }
  }
  return out;
}

const DUMP_DAMAGE = new Set<DamageKind>([
  "merged",
  "noblanks",
  "dropmerge",
  "crlf",
  "mixedeol",
  "notitle",
  "fullwidth",
  "pages",
]);

const truthFile = (corpus: string, variant: string) =>
  join(corpus, "truth", `${variant.split("~")[0]!}.json`);

/** The report's title from its truth (a workbook's title row). */
function reportTitle(corpus: string, name: string): string {
  const truth = JSON.parse(readFileSync(truthFile(corpus, name), "utf8")) as { agency: string; year: number };
  return `${truth.agency}${truth.year}年政府信息公开工作年度报告`;
}

async function main() {
  const a = args();
  const out = a.get("out");
  if (!out) throw new Error("usage: make.ts --out DIR [--corpus DIR] [--only NAME,NAME]");
  const corpus = a.get("corpus") ?? sharedCorpus();
  if (!corpus) throw new Error("no corpus: ../shared/corpus is absent (pass --corpus DIR)");
  const only = a.get("only")?.split(",");
  mkdirSync(join(out, "docs"), { recursive: true });
  mkdirSync(join(out, "truth"), { recursive: true });
  const variants = await variantsOf(corpus, only);
  // The originals are scored by the corpus itself; here only what differs from them.
  const all = [...variants.filter((v) => v.name.includes("~")), ...damaged(variants, corpus)];
  for (const v of all) {
    writeFileSync(
      join(out, "docs", `${v.name}.${v.ext}`),
      typeof v.bytes === "string" ? utf8(v.bytes) : v.bytes,
    );
    writeFileSync(join(out, "truth", `${v.name}.json`), readFileSync(truthFile(corpus, v.name)));
  }
  console.log(`${all.length} variants in ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
