import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../core/app-error.ts';
import { stripJpegMetadata } from '../../core/jpeg-metadata.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { ACCEPTED_MEDIA_LABEL, limitOf, type MediaType, SNIFF_BYTES, sniffMedia } from './media-type.ts';

/**
 * Reporters' photos and videos, encrypted with the whistle key under `<dataDir>/whistle/<key>` (a random name: no
 * hash of the content, so the same photo elsewhere cannot be matched). Files stream through the cipher to disk;
 * the type is checked on the first bytes and the size while streaming, so a refused file never sits in memory.
 */
export interface StoredAttachment {
  storageKey: string;
  type: MediaType;
  size: number;
}

export class AttachmentStore {
  constructor(
    private readonly root: string,
    private readonly key: WhistleKey,
  ) {}

  private pathOf(storageKey: string): string {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(storageKey)) throw new Error('invalid attachment key');
    return join(this.root, storageKey);
  }

  async put(stream: AsyncIterable<Buffer>): Promise<StoredAttachment> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const storageKey = randomBytes(18).toString('base64url');
    const target = this.pathOf(storageKey);
    const temp = `${target}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    let ok = false;
    try {
      const { iv, cipher } = this.key.fileCipher(`attachment:${storageKey}`);
      await handle.write(iv);
      let head = Buffer.alloc(0);
      let type: MediaType | null = null;
      let size = 0;
      // A photo's EXIF (with GPS), XMP and comments are removed before anything is kept (core/jpeg-metadata.ts).
      for await (const chunk of stripJpegMetadata(stream)) {
        size += chunk.length;
        if (!type) {
          head = Buffer.concat([head, chunk]);
          if (head.length < SNIFF_BYTES) continue;
          type = sniffMedia(head);
          if (!type) throw unsupported();
          await handle.write(cipher.update(head));
        } else {
          await handle.write(cipher.update(chunk));
        }
        if (size > limitOf(type)) throw tooLarge();
      }
      if (!type) {
        type = sniffMedia(head);
        if (!type) throw unsupported();
        await handle.write(cipher.update(head));
      }
      await handle.write(cipher.final());
      await handle.write(cipher.getAuthTag());
      await handle.sync();
      ok = true;
      await handle.close();
      await rename(temp, target);
      return { storageKey, type, size };
    } finally {
      if (!ok) {
        await handle.close().catch(() => {});
        await unlink(temp).catch(() => {});
      }
    }
  }

  async read(storageKey: string): Promise<Buffer> {
    return this.key.openFile(await readFile(this.pathOf(storageKey)), `attachment:${storageKey}`);
  }

  async remove(storageKey: string): Promise<void> {
    await unlink(this.pathOf(storageKey)).catch(() => {});
  }
}

const unsupported = () =>
  new AppError('unsupported_file_type', `不支持的文件类型。只接受${ACCEPTED_MEDIA_LABEL} (unsupported file type)`);
export const tooLarge = () => new AppError('payload_too_large', `文件过大。${ACCEPTED_MEDIA_LABEL} (file too large)`);
