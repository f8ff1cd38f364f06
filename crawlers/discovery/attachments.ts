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
