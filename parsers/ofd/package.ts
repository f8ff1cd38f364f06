// The structure of an OFD file (GB/T 33190): a ZIP whose OFD.xml names one or more documents
// (DocBody/DocRoot → Document.xml), each listing its pages (Pages/Page BaseLoc → Content.xml) and
// the template pages they draw under or over them. Only the XML parts are inflated, with the same
// zip-bomb limits as a DOCX, and a cap on their sum.
import { readPackageParts, type PackageLimits } from "../docx/package.js";
import { ParseError } from "../errors.js";
import { attr, child, children, numbers, parseXml, rootOf, textOf, type XmlNode } from "./xml.js";

export const OFD_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 20_000,
  maxPartBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** A report has tens of pages; thousands is not a report (and each page costs a layout). */
export const MAX_OFD_PAGES = 2000;

/** A4 in millimetres: the page size when neither the page nor the document gives one. */
const A4: [number, number, number, number] = [0, 0, 210, 297];

export interface OfdPage {
  /** Content parts drawn on the page, bottom first: background templates, the page, foreground templates. */
  contents: XmlNode[];
  /** The document's multimedia resources (ImageObject ResourceID → package path). */
  media: Map<string, string>;
  /** The page's PhysicalBox [x, y, w, h] in millimetres. */
  box: [number, number, number, number];
}

export interface OfdDocument {
  pages: OfdPage[];
  /** DocInfo/Title of the first document, when present. */
  title?: string;
}

/** Resolves a BaseLoc: absolute ("/Doc_0/…") from the package root, else from `base`'s directory. */
export function resolvePath(base: string, loc: string): string {
  const parts = loc.startsWith("/") ? [] : base.split("/").slice(0, -1);
  for (const piece of loc.replace(/\\/g, "/").split("/")) {
    if (piece === "" || piece === ".") continue;
    if (piece === "..") parts.pop();
    else parts.push(piece);
  }
  return parts.join("/");
}

/** Reads package entries that are not XML (page images), with the same limits. */
export function readOfdFiles(bytes: Uint8Array, paths: string[]): Map<string, Uint8Array> {
  const wanted = new Set(paths.map((p) => p.toLowerCase()));
  const parts = readPackageParts(
    bytes,
    (name) => wanted.has(name.replace(/^\/+/, "").toLowerCase()),
    OFD_PACKAGE_LIMITS,
    "OFD",
  );
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of parts) out.set(name.replace(/^\/+/, "").toLowerCase(), data);
  return out;
}

export function readOfdPackage(bytes: Uint8Array): OfdDocument {
  const parts = readPackageParts(bytes, (name) => /\.xml$/i.test(name), OFD_PACKAGE_LIMITS, "OFD");
  // Entry names are matched without case or a leading slash: producers differ.
  const byName = new Map<string, Uint8Array>();
  for (const [name, data] of parts) byName.set(name.replace(/^\/+/, "").toLowerCase(), data);
  const parsed = new Map<string, XmlNode[] | null>();
  const part = (path: string): XmlNode[] | null => {
    const key = path.toLowerCase();
    if (!parsed.has(key)) {
      const data = byName.get(key);
      parsed.set(key, data ? parseXml(data, path) : null);
    }
    return parsed.get(key)!;
  };

  const ofd = rootOf(part("OFD.xml") ?? [], "OFD");
  if (!ofd) throw new ParseError("corrupt", "the OFD package has no OFD.xml entry document");
  const result: OfdDocument = { pages: [] };
  for (const body of children(ofd, "DocBody")) {
    const rootLoc = textOf(child(body, "DocRoot")).trim();
    if (!rootLoc) continue;
    const title = textOf(child(child(body, "DocInfo"), "Title")).trim();
    if (title && result.title === undefined) result.title = title;
    const documentPath = resolvePath("OFD.xml", rootLoc);
    const document = rootOf(part(documentPath) ?? [], "Document");
    if (!document) throw new ParseError("corrupt", `the OFD document ${documentPath} is missing`);
    readDocumentPages(document, documentPath, part, result.pages);
  }
  if (result.pages.length === 0) throw new ParseError("corrupt", "the OFD package lists no pages");
  return result;
}

function readDocumentPages(
  document: XmlNode,
  documentPath: string,
  part: (path: string) => XmlNode[] | null,
  pages: OfdPage[],
): void {
  const common = child(document, "CommonData");
  const defaultBox = boxOf(child(common, "PageArea")) ?? A4;
  const media = new Map<string, string>();
  for (const res of [...children(common, "PublicRes"), ...children(common, "DocumentRes")]) {
    const resPath = resolvePath(documentPath, textOf(res).trim());
    const root = rootOf(part(resPath) ?? [], "Res");
    if (!root) continue;
    // Media files are named from the resource part's BaseLoc folder.
    const base = resolvePath(resPath, `${attr(root, "BaseLoc") ?? "."}/x`);
    for (const item of children(child(root, "MultiMedias"), "MultiMedia")) {
      const id = attr(item, "ID");
      const file = textOf(child(item, "MediaFile")).trim();
      if (id && file) media.set(id, resolvePath(base, file));
    }
  }
  const templates = new Map<string, string>();
  for (const t of children(common, "TemplatePage")) {
    const id = attr(t, "ID");
    const loc = attr(t, "BaseLoc");
    if (id && loc) templates.set(id, resolvePath(documentPath, loc));
  }
  for (const entry of children(child(document, "Pages"), "Page")) {
    if (pages.length >= MAX_OFD_PAGES) {
      throw new ParseError("too_large", `the OFD has more than ${MAX_OFD_PAGES} pages; a report has tens`);
    }
    const loc = attr(entry, "BaseLoc");
    if (!loc) continue;
    const pagePath = resolvePath(documentPath, loc);
    const page = rootOf(part(pagePath) ?? [], "Page");
    if (!page) throw new ParseError("corrupt", `the OFD page ${pagePath} is missing`);
    const below: XmlNode[] = [];
    const above: XmlNode[] = [];
    for (const use of children(page, "Template")) {
      const path = templates.get(attr(use, "TemplateID") ?? "");
      const template = path ? rootOf(part(path) ?? [], "Page") : undefined;
      if (template) (attr(use, "ZOrder") === "Foreground" ? above : below).push(template);
    }
    pages.push({
      contents: [...below, page, ...above],
      media,
      box: boxOf(child(page, "Area")) ?? defaultBox,
    });
  }
}

/** An Area/PageArea element's PhysicalBox. */
function boxOf(area: XmlNode | undefined): [number, number, number, number] | null {
  const box = numbers(textOf(child(area, "PhysicalBox")), 4);
  return box && box[2]! > 0 && box[3]! > 0 ? (box as [number, number, number, number]) : null;
}
