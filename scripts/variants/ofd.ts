// Writes OFD files (GB/T 33190) the way real converters do, for tests and variants with truth:
// from a PDF's text positions (pdf.js text items and ruling lines: what a PDF→OFD converter sees)
// or from any positioned page content (the PDF side is scripts/variants/ofd-from-pdf.ts). Two producer styles:
//
//   glyphs — one TextObject per character, each with its own Boundary and X (Suwell/Foxit
//            converters, most Fujian OFDs); table rules as stroked PathObjects, one per rule;
//   runs   — one TextObject per text run with a CTM (object space at twice the page scale),
//            advances as DeltaX with "g N d" compression, inside a PageBlock; rules as thin
//            filled rectangles; a template page carrying nothing but a footer line.
//
// Fonts are declared in PublicRes.xml and referenced by ID. Coordinates are millimetres.
import { strToU8, zipSync } from "fflate";
import type { Segment } from "../../parsers/pdf/geometry.js";

export type OfdStyle = "glyphs" | "runs";

/** A run of text on a baseline: page points, origin top-left. */
export interface OfdRun {
  text: string;
  x: number;
  baseline: number;
  size: number;
  /** Advance of the whole run (points); glyphs share it by their estimated widths. */
  width: number;
  italic?: boolean;
}

export interface OfdPageInput {
  width: number;
  height: number;
  runs: OfdRun[];
  segments: Segment[];
  /** A page image covering the page (a scanned OFD), JPEG or PNG. */
  image?: { bytes: Uint8Array; format: "JPEG" | "PNG" };
}

const MM = 25.4 / 72;
const f = (n: number) => String(Math.round(n * MM * 1000) / 1000);
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';

function weight(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === " ") return 0.25;
  return code >= 0x2e80 ? 1 : 0.5;
}

/** Each glyph's x (points) spread over the run's width by estimated widths. */
function glyphXs(run: OfdRun): { char: string; x: number }[] {
  const chars = Array.from(run.text);
  const total = chars.reduce((sum, c) => sum + weight(c), 0) || 1;
  let x = run.x;
  return chars.map((char) => {
    const at = x;
    x += (weight(char) / total) * run.width;
    return { char, x: at };
  });
}

/** Resource IDs of page images: 1000 + the page's index, set by writeOfd. */
const imageIds = new WeakMap<OfdPageInput, number>();
const imageId = (page: OfdPageInput) => imageIds.get(page)!;

function pageXml(page: OfdPageInput, style: OfdStyle, nextId: () => number): string {
  const objects: string[] = [];
  for (const run of page.runs) {
    if (!run.text.trim()) continue;
    if (style === "glyphs") {
      for (const { char, x } of glyphXs(run)) {
        if (!char.trim()) continue;
        const w = weight(char) * run.size;
        const top = run.baseline - 0.88 * run.size;
        objects.push(
          `<ofd:TextObject ID="${nextId()}" Boundary="${f(x)} ${f(top)} ${f(w)} ${f(run.size)}" Font="2" Size="${f(run.size)}"${run.italic ? ' Italic="true"' : ""}>` +
            `<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${f(0.88 * run.size)}">${esc(char)}</ofd:TextCode></ofd:TextObject>`,
        );
      }
    } else {
      // Object space at twice the page scale: CTM 0.5; the boundary starts at the run's top-left.
      const glyphs = glyphXs(run);
      const deltas = glyphs.slice(1).map((g, i) => Math.round((g.x - glyphs[i]!.x) * MM * 2 * 1000) / 1000);
      const top = run.baseline - 0.88 * run.size;
      objects.push(
        `<ofd:TextObject ID="${nextId()}" Boundary="${f(run.x)} ${f(top)} ${f(run.width + run.size)} ${f(run.size * 1.2)}" Font="3" Size="${f(run.size * 2)}" CTM="0.5 0 0 0.5 0 0"${run.italic ? ' Italic="true"' : ""}>` +
          `<ofd:TextCode X="0" Y="${f(0.88 * run.size * 2)}"${deltas.length ? ` DeltaX="${compress(deltas)}"` : ""}>${esc(run.text)}</ofd:TextCode></ofd:TextObject>`,
      );
    }
  }
  for (const s of page.segments) {
    const horizontal = s.orientation === "h";
    const [x, y] = horizontal ? [s.from, s.at] : [s.at, s.from];
    const length = s.to - s.from;
    if (style === "glyphs") {
      const d = horizontal ? `M 0 0 L ${f(length)} 0` : `M 0 0 L 0 ${f(length)}`;
      objects.push(
        `<ofd:PathObject ID="${nextId()}" Boundary="${f(x)} ${f(y)} ${f(horizontal ? length : 0.5)} ${f(horizontal ? 0.5 : length)}" LineWidth="0.25">` +
          `<ofd:StrokeColor Value="0 0 0"/><ofd:AbbreviatedData>${d}</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    } else {
      const t = 0.5; // points
      const [w, h] = horizontal ? [length, t] : [t, length];
      const [bx, by] = horizontal ? [x, y - t / 2] : [x - t / 2, y];
      objects.push(
        `<ofd:PathObject ID="${nextId()}" Boundary="${f(bx)} ${f(by)} ${f(w)} ${f(h)}" Stroke="false" Fill="true">` +
          `<ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L ${f(w)} 0 L ${f(w)} ${f(h)} L 0 ${f(h)} C</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    }
  }
  if (page.image) {
    objects.unshift(
      `<ofd:ImageObject ID="${nextId()}" Boundary="0 0 ${f(page.width)} ${f(page.height)}" CTM="${f(page.width)} 0 0 ${f(page.height)} 0 0" ResourceID="${imageId(page)}"/>`,
    );
  }
  const body =
    style === "runs"
      ? `<ofd:PageBlock ID="${nextId()}">${objects.join("")}</ofd:PageBlock>`
      : objects.join("");
  const template = style === "runs" ? `<ofd:Template TemplateID="1" ZOrder="Background"/>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${NS}>${template}` +
    `<ofd:Area><ofd:PhysicalBox>0 0 ${f(page.width)} ${f(page.height)}</ofd:PhysicalBox></ofd:Area>` +
    `<ofd:Content><ofd:Layer ID="${nextId()}" Type="Body">${body}</ofd:Layer></ofd:Content></ofd:Page>`
  );
}

/** Advances as OFD writes them: runs of equal values as "g N d". */
export function compress(deltas: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < deltas.length;) {
    let j = i;
    while (j < deltas.length && deltas[j] === deltas[i]) j++;
    out.push(j - i > 1 ? `g ${j - i} ${deltas[i]}` : String(deltas[i]));
    i = j;
  }
  return out.join(" ");
}

/** The OFD package of the pages. */
export function writeOfd(pages: OfdPageInput[], style: OfdStyle, title = ""): Uint8Array {
  let id = 10;
  const nextId = () => ++id;
  const files: Record<string, Uint8Array> = {};
  const first = pages[0] ?? { width: 595, height: 842 };
  pages.forEach((page, i) => imageIds.set(page, 1000 + i));
  const pageRefs = pages.map((_, i) => `<ofd:Page ID="${nextId()}" BaseLoc="Pages/Page_${i}/Content.xml"/>`);
  pages.forEach(
    (page, i) => (files[`Doc_0/Pages/Page_${i}/Content.xml`] = strToU8(pageXml(page, style, nextId))),
  );
  const template = style === "runs" ? `<ofd:TemplatePage ID="1" BaseLoc="Tpls/Tpl_0/Content.xml"/>` : "";
  if (style === "runs") {
    files["Doc_0/Tpls/Tpl_0/Content.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${NS}><ofd:Content><ofd:Layer ID="${nextId()}" Type="Background">` +
        `<ofd:PathObject ID="${nextId()}" Boundary="20 287 170 1"><ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject>` +
        `</ofd:Layer></ofd:Content></ofd:Page>`,
    );
  }
  files["Doc_0/Document.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${NS}><ofd:CommonData><ofd:MaxUnitID>${id + 1}</ofd:MaxUnitID>` +
      `<ofd:PageArea><ofd:PhysicalBox>0 0 ${f(first.width)} ${f(first.height)}</ofd:PhysicalBox></ofd:PageArea>` +
      `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>${pages.some((p) => p.image) ? "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" : ""}${template}</ofd:CommonData>` +
      `<ofd:Pages>${pageRefs.join("")}</ofd:Pages></ofd:Document>`,
  );
  const media: string[] = [];
  pages.forEach((page, i) => {
    if (!page.image) return;
    const ext = page.image.format === "PNG" ? "png" : "jpg";
    files[`Doc_0/Res/Image_${i}.${ext}`] = page.image.bytes;
    media.push(
      `<ofd:MultiMedia ID="${imageId(page)}" Type="Image" Format="${page.image.format}"><ofd:MediaFile>Image_${i}.${ext}</ofd:MediaFile></ofd:MultiMedia>`,
    );
  });
  if (media.length > 0) {
    files["Doc_0/DocumentRes.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${NS} BaseLoc="Res"><ofd:MultiMedias>${media.join("")}</ofd:MultiMedias></ofd:Res>`,
    );
  }
  files["Doc_0/PublicRes.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Res ${NS} BaseLoc="Res"><ofd:Fonts>` +
      `<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/><ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/>` +
      `</ofd:Fonts></ofd:Res>`,
  );
  files["OFD.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${NS} Version="1.0" DocType="OFD"><ofd:DocBody>` +
      `<ofd:DocInfo><ofd:DocID>0</ofd:DocID><ofd:Title>${esc(title)}</ofd:Title><ofd:Creator>nianbao</ofd:Creator></ofd:DocInfo>` +
      `<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
  );
  // A fixed time stamp: the same pages give the same bytes.
  return zipSync(files, { level: 6, mtime: new Date("2024-01-01T00:00:00Z") });
}
