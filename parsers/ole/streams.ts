// Cheap looks inside an OLE2 compound file without parsing it: the directory stores stream
// names in UTF-16LE, which is enough to tell a Word file from an encrypted OOXML package or a
// spreadsheet before handing it to a converter.

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((byte, i) => bytes[i] === byte);
}

function hasStreamName(bytes: Uint8Array, name: string): boolean {
  const pattern = Buffer.from(name, "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern);
}

export type OleKind = "word" | "encrypted_ooxml" | "spreadsheet" | "presentation" | "unknown";

export function oleKind(bytes: Uint8Array): OleKind {
  if (hasStreamName(bytes, "EncryptedPackage")) return "encrypted_ooxml";
  if (hasStreamName(bytes, "WordDocument")) return "word";
  if (hasStreamName(bytes, "Workbook") || hasStreamName(bytes, "Book")) return "spreadsheet";
  if (hasStreamName(bytes, "PowerPoint Document")) return "presentation";
  return "unknown";
}

/** Word 97–2003 FIB flag fEncrypted (bit 8 of the flags word at offset 0x0A of WordDocument). */
export function isEncryptedWord(bytes: Uint8Array): boolean {
  // Finding the WordDocument stream needs the FAT; the FIB starts with wIdent 0xA5EC, so look
  // for it at sector boundaries (512-byte sectors after the header) instead.
  for (let offset = 512; offset + 12 <= bytes.length; offset += 512) {
    const nFib = bytes[offset + 2]! | (bytes[offset + 3]! << 8);
    if (bytes[offset] === 0xec && bytes[offset + 1] === 0xa5 && nFib >= 0x65 && nFib <= 0x200) {
      const flags = bytes[offset + 0x0a]! | (bytes[offset + 0x0b]! << 8);
      return (flags & 0x0100) !== 0;
    }
  }
  return false;
}
