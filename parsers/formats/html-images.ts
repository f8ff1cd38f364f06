// An HTML report whose tables are pictures: the page's content images (parsers/html/images.ts)
// whose bytes came with the document (DocumentResource) or as data: URIs are read by the OCR page
// reader, and their blocks are put where each <img> stands among the page's own blocks, so the
// recognizer reads one document — text tables and image tables together. Image i of those read is
// page i + 1 of `ir.ocr` (`pageNumbers`): its figures carry that page, their cell box and the
// engine's confidence, and only they go through the OCR identity check (parsers/ocr/verify.ts).
// The pictures are read only when the page's text lacks one of the report's tables
// (parsers/html/report-tables.ts, the rule the crawler fetches them by).
import type { DocumentResource } from "../../src/model/resources.js";
import type { Block, DocumentIR } from "../ir.js";
import { readBlocks } from "../html/blocks.js";
import { imageBytes, reportImages, type ReportImage } from "../html/images.js";
import { limitNesting } from "../html/nesting.js";
import { missingReportTables } from "../html/report-tables.js";
import { chooseTitle } from "../html/title.js";
import { parseHtmlTree } from "../html/tree.js";
import type { DomNode } from "../html/dom.js";
import { assembleBlocks } from "../pdf/assemble.js";

type Note = DocumentIR["notes"][number];

/** OCR's budget for a page's images when the caller gives no deadline (as for a scan). */
const OCR_BUDGET_MS = 120_000;

export interface HtmlImageOptions {
  resources?: DocumentResource[];
  signal?: AbortSignal;
}

export async function htmlWithImagesToIR(html: string, options: HtmlImageOptions): Promise<DocumentIR> {
  const root = parseHtmlTree(limitNesting(html));
  const notes: Note[] = [];
  const toRead: { image: ReportImage; bytes: Uint8Array }[] = [];
  let handed = 0;
  for (const image of reportImages(root)) {
    const known = imageBytes(image.ref, options.resources);
    if (known === null) continue; // not handed over: the page reads as it always did
    handed++;
    if ("error" in known) notes.push(unreadNote(image.ref, known.error));
    else toRead.push({ image, bytes: known.bytes });
  }
  // A page whose text holds all the report's tables (a born-digital page saved with its photos and
  // banners) reads exactly as without its pictures: no OCR spent, no photo taken for a table.
  if (handed > 0 && missingReportTables(root).length === 0) {
    const plain = readBlocks(root);
    const plainTitle = chooseTitle(plain.titles);
    return {
      format: "html",
      ...(plainTitle ? { title: plainTitle } : {}),
      blocks: plain.blocks,
      notes: [
        ...plain.notes,
        {
          code: "html.images_not_needed",
          message: `the page's text holds the report's tables 2, 3 and 4: its ${handed} content image(s) were not read by OCR`,
        },
      ],
    };
  }
  const marks = new Map<DomNode, number>(toRead.map((entry, i) => [entry.image.node, i]));
  const read = readBlocks(root, marks.size > 0 ? marks : undefined);
  const title = chooseTitle(read.titles);
  const ir: DocumentIR = {
    format: "html",
    ...(title ? { title } : {}),
    blocks: read.blocks,
    notes: [...read.notes, ...notes],
  };
  if (toRead.length === 0) return ir;

  const { ocrAvailable, readImagePages } = await import("../ocr/index.js");
  if (!(await ocrAvailable())) {
    ir.notes.push({
      code: "html.images_not_read",
      message: `the page shows ${toRead.length} report image(s) (tables as pictures); OCR is needed to read them (install tesseract-ocr and tesseract-ocr-chi-sim)`,
    });
    return ir;
  }
  let pages: Awaited<ReturnType<typeof readImagePages>>;
  try {
    pages = await readImagePages(
      toRead.map((entry) => entry.bytes),
      { signal: options.signal ?? AbortSignal.timeout(OCR_BUDGET_MS) },
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    ir.notes.push({
      code: "ocr.failed",
      message: `OCR of the page's images did not finish (${error instanceof Error ? error.message : String(error)}); only the page's text is read`,
    });
    return ir;
  }
  for (const { index, reason, quiet } of pages.unread)
    if (!quiet) ir.notes.push(unreadNote(toRead[index]!.image.ref, reason));
  if (pages.layouts.length === 0) return ir;

  // Images standing together (no text between them) are assembled as consecutive pages, so a table
  // cut over two pictures is one table; each group goes in where its images stand.
  const groups = new Map<number, number[]>();
  for (const anchor of read.anchors) groups.set(anchor.at, [...(groups.get(anchor.at) ?? []), anchor.image]);
  // An image the block reader did not meet (inside a cell of a data table) is read after the page.
  const anchored = new Set(read.anchors.map((anchor) => anchor.image));
  const end = ir.blocks.length;
  for (let image = 0; image < toRead.length; image++)
    if (!anchored.has(image)) groups.set(end, [...(groups.get(end) ?? []), image]);
  const blocks: Block[] = [];
  let next = 0;
  let imageTables = 0;
  for (const at of [...groups.keys()].sort((a, b) => a - b)) {
    blocks.push(...ir.blocks.slice(next, at));
    next = at;
    const pagesHere = new Set(groups.get(at)!.map((image) => image + 1));
    const assembled = assembleBlocks(pages.layouts.filter((layout) => pagesHere.has(layout.page)));
    imageTables += assembled.blocks.filter((b) => b.kind === "table").length;
    blocks.push(...assembled.blocks);
  }
  blocks.push(...ir.blocks.slice(next));
  ir.blocks = blocks;
  ir.ocr = pages.ocr;
  if (imageTables === 0)
    ir.notes.push({
      code: "ocr.no_table",
      message: `no ruled table was found in the page's ${pages.layouts.length} report image(s)`,
    });
  return ir;
}

function unreadNote(ref: string, reason: string): Note {
  const shown = ref.startsWith("data:") ? `${ref.slice(0, 32)}…` : ref;
  return { code: "html.image_unread", message: `report image ${shown} not read: ${reason}` };
}
