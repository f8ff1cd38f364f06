// Attachment links: office/PDF/OFD files by extension, and the download endpoints of the CMS families.
const DOCUMENT_EXT = /\.(pdf|docx?|wps|odt|xlsx?|et|ofd|rtf|txt)$/i;
const DOWNLOAD_ENDPOINT =
  /(\/module\/download\/downfile\.jsp|\/attachment\/\d+\/|\/attach\/\d+\/|download\.(jsp|do|aspx)|\/downfile)/i;
const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|webp|svg)$/i;

export function isAttachmentUrl(url: string): boolean {
  const u = new URL(url);
  if (DOCUMENT_EXT.test(u.pathname)) return true;
  const filename = u.searchParams.get("filename") ?? u.searchParams.get("showname") ?? "";
  if (DOCUMENT_EXT.test(filename)) return true;
  return DOWNLOAD_ENDPOINT.test(u.pathname) && !IMAGE_EXT.test(u.pathname);
}

/** Pages, not files: HTML articles and column pages. */
export function isPageUrl(url: string): boolean {
  const path = new URL(url).pathname;
  return !isAttachmentUrl(url) && !IMAGE_EXT.test(path) && !/\.(js|css|ico|swf|zip|rar|mp4|mp3)$/i.test(path);
}

/** The query parameters online viewers carry the file in. */
const VIEWER_PARAMS = ["file", "url", "src", "fileUrl", "filePath", "path"];

/**
 * The document an online viewer shows, or the URL itself. Portals link a report as
 * `/pdfjs/web/viewer.html?file=%2Fuploads%2Fx.pdf` (pdf.js: the file relative to the viewer) or
 * `/onlinePreview?url=<base64 of the file's URL>` (kkFileView); fetching the viewer gives a page of
 * script, the file is what holds the report. Only a parameter that names a document is taken.
 */
export function unwrapViewer(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  for (const name of VIEWER_PARAMS) {
    const value = u.searchParams.get(name)?.trim();
    if (!value) continue;
    for (const candidate of [value, fromBase64(value)]) {
      const target = candidate === null ? null : documentUrl(candidate, u);
      if (target) return target;
    }
  }
  return url;
}

function documentUrl(value: string, viewer: URL): string | null {
  try {
    const target = new URL(value, viewer);
    if (target.protocol !== "http:" && target.protocol !== "https:") return null;
    target.hash = "";
    return isAttachmentUrl(target.href) ? target.href : null;
  } catch {
    return null;
  }
}

/** kkFileView's base64 (standard or URL-safe alphabet), when the value is one and decodes to text. */
function fromBase64(value: string): string | null {
  if (!/^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(value)) return null;
  const text = Buffer.from(value, "base64").toString("utf8");
  return /^(https?:\/\/|\/)[^\s\uFFFD]*$/.test(text) ? text : null;
}
