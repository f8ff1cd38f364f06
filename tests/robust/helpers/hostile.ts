// Hostile documents made on the fly (nothing large is committed): PDFs built object by object with
// a correct cross-reference table, so pdf.js reads them as it would a real file.
import { deflateSync } from "node:zlib";

/** A PDF whose pages have these content streams (raw, or deflated when `deflate`). */
export function pdfWithPages(contents: readonly (string | Buffer)[], deflate = false): Buffer {
  const objects: Buffer[] = [];
  const pageIds = contents.map((_, i) => 4 + i * 2);
  objects.push(Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"));
  objects.push(
    Buffer.from(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${contents.length} >>`,
    ),
  );
  objects.push(Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
  contents.forEach((content, i) => {
    const id = pageIds[i]!;
    objects.push(
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`,
      ),
    );
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, "latin1");
    const body = deflate ? deflateSync(raw, { level: 1 }) : raw;
    objects.push(
      Buffer.concat([
        Buffer.from(`<< /Length ${body.length}${deflate ? " /Filter /FlateDecode" : ""} >>\nstream\n`),
        body,
        Buffer.from("\nendstream"),
      ]),
    );
  });
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((object, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/** A content stream of `items` separate text items ("1", "2", …) in a grid. */
export function manyTextItems(items: number): string {
  const lines: string[] = ["BT /F1 4 Tf"];
  for (let i = 0; i < items; i++) {
    const x = 20 + (i % 100) * 5.5;
    const y = 800 - (Math.floor(i / 100) % 150) * 5;
    lines.push(`1 0 0 1 ${x.toFixed(1)} ${y} Tm (${i % 10}) Tj`);
  }
  lines.push("ET");
  return lines.join("\n");
}
