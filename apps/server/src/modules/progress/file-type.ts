/**
 * Evidence file types, recognised from the content's magic bytes (never from the name or the client's
 * Content-Type). Anything not recognised, e.g. an executable renamed to .pdf, is refused.
 */
export interface SniffedType {
  mime: string;
  /** Short name for messages and the web: 'pdf', 'png', 'docx' … */
  kind: string;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number): string =>
  b.length >= to ? Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1') : '';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const OOXML: readonly { folder: string; type: SniffedType }[] = [
  {
    folder: 'word/',
    type: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  },
  { folder: 'xl/', type: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  {
    folder: 'ppt/',
    type: { kind: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  },
];

/** Stream names (UTF-16LE in the compound file's directory) that identify old binary Office documents. */
const OLE_OFFICE: readonly { stream: string; type: SniffedType }[] = [
  { stream: 'WordDocument', type: { kind: 'doc', mime: 'application/msword' } },
  { stream: 'Workbook', type: { kind: 'xls', mime: 'application/vnd.ms-excel' } },
  { stream: 'PowerPoint Document', type: { kind: 'ppt', mime: 'application/vnd.ms-powerpoint' } },
];

export const ACCEPTED_TYPES_LABEL = 'PDF、图片（PNG/JPEG/GIF/WebP/HEIC）、Office 文档（Word/Excel/PowerPoint，不含宏）';

/** The type of an evidence file, or null when it is not one we accept. */
export function sniffFileType(b: Uint8Array): SniffedType | null {
  if (ascii(b, 0, 5) === '%PDF-') return { kind: 'pdf', mime: 'application/pdf' };
  if (startsWith(b, PNG)) return { kind: 'png', mime: 'image/png' };
  if (startsWith(b, JPEG)) return { kind: 'jpeg', mime: 'image/jpeg' };
  const gif = ascii(b, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return { kind: 'gif', mime: 'image/gif' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { kind: 'webp', mime: 'image/webp' };
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'heic' || brand === 'heix') return { kind: 'heic', mime: 'image/heic' };
    if (brand === 'mif1') return { kind: 'heif', mime: 'image/heif' };
    return null;
  }
  if (startsWith(b, ZIP_LOCAL)) return sniffOoxml(b);
  if (startsWith(b, OLE)) return sniffOle(b);
  return null;
}

function sniffOoxml(b: Uint8Array): SniffedType | null {
  const names = zipEntryNames(b);
  if (!names.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (.docm/.xlsm/.pptm) carry a VBA project: not accepted as evidence.
  if (names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) return null;
  return OOXML.find((o) => names.some((n) => n.startsWith(o.folder)))?.type ?? null;
}

function sniffOle(b: Uint8Array): SniffedType | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  // A VBA storage means macros; other compound files (.msi installers, …) carry none of the Office streams.
  if (buf.includes(Buffer.from('_VBA_PROJECT', 'utf16le'))) return null;
  return OLE_OFFICE.find((o) => buf.includes(Buffer.from(o.stream, 'utf16le')))?.type ?? null;
}

/**
 * Entry names of a ZIP archive from its central directory; when that cannot be found (truncated file, ZIP64),
 * from the local file headers. No decompression: names are all we need.
 */
export function zipEntryNames(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const name = (at: number, len: number) => Buffer.from(b.buffer, b.byteOffset + at, len).toString('utf8');
  const names: string[] = [];
  const eocd = findEndOfCentralDirectory(b, view);
  if (eocd >= 0) {
    const count = u16(eocd + 10);
    let p = u32(eocd + 16);
    for (let i = 0; i < count && p + 46 <= b.length && u32(p) === 0x02014b50; i += 1) {
      const nameLen = u16(p + 28);
      if (p + 46 + nameLen > b.length) break;
      names.push(name(p + 46, nameLen));
      p += 46 + nameLen + u16(p + 30) + u16(p + 32);
    }
    if (names.length > 0) return names;
  }
  for (let p = 0; p + 30 <= b.length; p += 1) {
    if (u32(p) !== 0x04034b50) continue;
    const nameLen = u16(p + 26);
    if (p + 30 + nameLen > b.length) break;
    names.push(name(p + 30, nameLen));
    p += 29 + nameLen;
  }
  return names;
}

function findEndOfCentralDirectory(b: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let p = b.length - 22; p >= lowest; p -= 1) {
    if (view.getUint32(p, true) === 0x06054b50) return p;
  }
  return -1;
}
