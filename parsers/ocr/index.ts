// Public surface of the OCR front-end (scanned PDFs and images; docs/ocr.md).
import { tesseractVersion } from "./tesseract.js";

export { imageOnlyPdfToIR, imageToIR, scannedPagesOfPdf, scannedPdfToIR } from "./scan.js";
export { readImagePages } from "./image-pages.js";
export { verifyOcrFigures } from "./verify.js";
export { tesseractVersion } from "./tesseract.js";

/** True when the OCR engine (tesseract with chi_sim) is installed; NIANBAO_OCR=0 switches OCR off. */
export async function ocrAvailable(): Promise<boolean> {
  if (process.env.NIANBAO_OCR === "0") return false;
  return (await tesseractVersion()) !== null;
}
