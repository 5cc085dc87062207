import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exifOrientation, stripJpegMetadata, stripJpegMetadataBytes } from './jpeg-metadata.ts';

/**
 * test/files/gps-exif.jpg: a real JPEG (a 48×48 picture rendered by poppler's pdftoppm) with an EXIF block added
 * after its JFIF header — Make "DubanTestCam", Orientation 6, a GPS IFD at 39°54'27.12"N 116°23'17.88"E — an XMP
 * block with exif:GPSLatitude, and a comment naming the place.
 */
const PHOTO = readFileSync(join(import.meta.dirname, '../../test/files/gps-exif.jpg'));
const scanOf = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));

async function collect(chunks: Buffer[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stripJpegMetadata(chunks)) parts.push(p);
  return Buffer.concat(parts);
}

describe('JPEG metadata removal', () => {
  it('the fixture really carries GPS EXIF, XMP and a comment', () => {
    expect(PHOTO.includes(Buffer.from('Exif\0\0MM'))).toBe(true);
    expect(PHOTO.includes(Buffer.from('DubanTestCam'))).toBe(true);
    expect(PHOTO.includes(Buffer.from([0x88, 0x25, 0x00, 0x04]))).toBe(true); // GPSInfo pointer in IFD0
    expect(PHOTO.includes(Buffer.from('GPSLatitude'))).toBe(true);
    expect(PHOTO.includes(Buffer.from('39.9075N'))).toBe(true);
  });

  it('drops EXIF (GPS, camera), XMP and comments; keeps the orientation and the image data byte for byte', async () => {
    const out = await stripJpegMetadataBytes(PHOTO);
    expect(out.subarray(0, 4).toString('hex')).toBe('ffd8ffe0');
    for (const gone of ['DubanTestCam', 'GPSLatitude', '39.9075N', 'ns.adobe.com']) {
      expect(out.includes(Buffer.from(gone))).toBe(false);
    }
    expect(out.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    const app1 = out.indexOf(Buffer.from([0xff, 0xe1]));
    expect(app1).toBeGreaterThan(0);
    expect(exifOrientation(out.subarray(app1 + 4, app1 + 4 + out.readUInt16BE(app1 + 2) - 2))).toBe(6);
    expect(scanOf(out).equals(scanOf(PHOTO))).toBe(true);
    expect(out.length).toBeLessThan(PHOTO.length - 400);
    // idempotent: a stripped photo stays as it is
    expect((await stripJpegMetadataBytes(out)).equals(out)).toBe(true);
  });

  it('gives the same bytes however the stream is cut', async () => {
    const whole = await stripJpegMetadataBytes(PHOTO);
    const bytewise = await collect([...PHOTO].map((b) => Buffer.from([b])));
    expect(bytewise.equals(whole)).toBe(true);
    const odd = await collect([PHOTO.subarray(0, 3), PHOTO.subarray(3, 190), PHOTO.subarray(190)]);
    expect(odd.equals(whole)).toBe(true);
  });

  it('passes anything else through unchanged and drops an EXIF block cut off at the end', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await stripJpegMetadataBytes(png)).equals(png)).toBe(true);
    const cut = PHOTO.subarray(0, PHOTO.indexOf(Buffer.from('DubanTestCam')) + 4);
    const out = await stripJpegMetadataBytes(cut);
    expect(out.includes(Buffer.from('Duba'))).toBe(false);
    expect(out.includes(Buffer.from('Exif'))).toBe(false);
  });
});
