// Picture formats known by their first bytes. A scanned report or an HTML report's picture is
// told by its content, never by its name or the Content-Type a portal sent: the parser reads these
// formats by OCR, and the web view serves stored pictures only as the type their bytes prove.

export interface ImageType {
  /** The MIME type the bytes prove. */
  type: string;
  /** The usual file name extension. */
  ext: string;
}

const IMAGE_SIGNATURES: { magic: readonly number[]; image: ImageType }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], image: { type: "image/png", ext: "png" } },
  { magic: [0xff, 0xd8, 0xff], image: { type: "image/jpeg", ext: "jpg" } },
  { magic: [0x49, 0x49, 0x2a, 0x00], image: { type: "image/tiff", ext: "tif" } },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], image: { type: "image/tiff", ext: "tif" } },
  { magic: [0x47, 0x49, 0x46, 0x38], image: { type: "image/gif", ext: "gif" } },
];

/** The picture format the bytes start with, or null (SVG is no picture here: it can hold script). */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  for (const { magic, image } of IMAGE_SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return image;
  }
  return null;
}
