/**
 * Photos and short videos a reporter may attach, recognised from the first bytes (never the name or the client's
 * Content-Type). Everything else is refused.
 */
export interface MediaType {
  kind: 'photo' | 'video';
  mime: string;
}

export const MEDIA_LIMITS = { photoBytes: 10 * 1024 * 1024, videoBytes: 50 * 1024 * 1024, files: 6 } as const;
export const ACCEPTED_MEDIA_LABEL =
  '照片（JPEG/PNG/WebP/HEIC，每张不超过 10 MB）或短视频（MP4/MOV/3GP/WebM，不超过 50 MB）';
/** Bytes needed to decide. */
export const SNIFF_BYTES = 16;

const ascii = (b: Uint8Array, from: number, to: number): string =>
  b.length >= to ? Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1') : '';

const VIDEO_BRANDS: Record<string, string> = {
  isom: 'video/mp4',
  iso2: 'video/mp4',
  iso4: 'video/mp4',
  iso5: 'video/mp4',
  iso6: 'video/mp4',
  mp41: 'video/mp4',
  mp42: 'video/mp4',
  avc1: 'video/mp4',
  dash: 'video/mp4',
  M4V: 'video/mp4',
  'M4V ': 'video/mp4',
  'qt  ': 'video/quicktime',
  '3gp4': 'video/3gpp',
  '3gp5': 'video/3gpp',
  '3gp6': 'video/3gpp',
  '3g2a': 'video/3gpp2',
};

export function sniffMedia(b: Uint8Array): MediaType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'photo', mime: 'image/jpeg' };
  if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'photo', mime: 'image/png' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { kind: 'photo', mime: 'image/webp' };
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return { kind: 'photo', mime: 'image/heic' };
    const video = VIDEO_BRANDS[brand];
    return video ? { kind: 'video', mime: video } : null;
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return { kind: 'video', mime: 'video/webm' };
  }
  return null;
}

export function limitOf(type: MediaType): number {
  return type.kind === 'photo' ? MEDIA_LIMITS.photoBytes : MEDIA_LIMITS.videoBytes;
}
