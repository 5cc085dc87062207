/**
 * Removes what a JPEG says about where and with what it was taken, without decoding it: the header segments before
 * the image data are read one by one and APP1 (EXIF with its GPS block, XMP), APP13 (Photoshop/IPTC) and COM
 * (comments) are dropped; the EXIF orientation, when it turns the picture, is kept in a new minimal EXIF block so
 * phone photos still show upright. Everything from the start of scan (SOS) on is passed through untouched. Anything
 * that is not a JPEG passes through unchanged. Work is bounded: at most one header segment (64 KiB) is held.
 */

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
const APP13 = 0xed;
const COM = 0xfe;
const DROPPED = new Set([APP1, APP13, COM]);
/** Markers without a length: TEM and RST0–7. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** The EXIF orientation (1–8) of an APP1 payload, or null. Every offset is bounds-checked. */
export function exifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || payload.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i += 1) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) === 0x0112 && u16(at + 2) === 3) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** APP1 with nothing but the orientation (big-endian TIFF, one IFD entry). */
export function orientationSegment(orientation: number): Buffer {
  const b = Buffer.alloc(36);
  b.writeUInt16BE(0xffe1, 0);
  b.writeUInt16BE(34, 2);
  b.write('Exif\0\0MM', 4, 'latin1');
  b.writeUInt16BE(42, 12);
  b.writeUInt32BE(8, 14);
  b.writeUInt16BE(1, 18);
  b.writeUInt16BE(0x0112, 20);
  b.writeUInt16BE(3, 22);
  b.writeUInt32BE(1, 24);
  b.writeUInt16BE(orientation, 28);
  b.writeUInt32BE(0, 32);
  return b;
}

/** The stream with a JPEG's metadata removed (see above); other content unchanged. */
export async function* stripJpegMetadata(source: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let state: 'start' | 'headers' | 'pass' = 'start';
  for await (const chunk of source) {
    if (state === 'pass') {
      yield chunk;
      continue;
    }
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (state === 'start') {
      if (pending.length < 2) continue;
      if (pending[0] !== 0xff || pending[1] !== SOI) {
        state = 'pass';
        yield pending;
        pending = Buffer.alloc(0);
        continue;
      }
      yield pending.subarray(0, 2);
      pending = pending.subarray(2);
      state = 'headers';
    }
    // headers: whole segments while they are complete
    for (;;) {
      if (pending.length < 2) break;
      if (pending[0] !== 0xff) {
        state = 'pass'; // not a marker where one must be: leave the rest as it is
        break;
      }
      const marker = pending[1] as number;
      if (marker === 0xff) {
        pending = pending.subarray(1); // fill byte
        continue;
      }
      if (marker === SOS) {
        state = 'pass';
        break;
      }
      if (standalone(marker)) {
        yield pending.subarray(0, 2);
        pending = pending.subarray(2);
        continue;
      }
      if (pending.length < 4) break;
      const end = 2 + pending.readUInt16BE(2);
      if (pending.length < end) break;
      const segment = pending.subarray(0, end);
      pending = pending.subarray(end);
      if (!DROPPED.has(marker)) {
        yield segment;
        continue;
      }
      const orientation = marker === APP1 ? exifOrientation(segment.subarray(4)) : null;
      if (orientation && orientation !== 1) yield orientationSegment(orientation);
    }
    if (state === 'pass') {
      if (pending.length) yield pending;
      pending = Buffer.alloc(0);
    }
  }
  // An unfinished header segment at the end (a cut-off file) is dropped: it may be the start of an EXIF block.
  if (pending.length && state !== 'headers') yield pending;
}

/** The same over bytes in memory. */
export async function stripJpegMetadataBytes(bytes: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stripJpegMetadata([bytes])) parts.push(part);
  return Buffer.concat(parts);
}
