import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../core/app-error.ts';
import { stripJpegMetadata } from '../../core/jpeg-metadata.ts';
import { type EvidenceStorage, SHA256_HEX } from '../progress/storage/evidence-storage.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { ACCEPTED_MEDIA_LABEL, limitOf, type MediaType, SNIFF_BYTES, sniffMedia } from './media-type.ts';

/**
 * Reporters' photos and videos, encrypted with the whistle key and kept in the shared file store
 * (EvidenceStorage, DUBAN_STORAGE) under the sha256 of the ciphertext: the IV is random per upload, so the same photo
 * elsewhere cannot be matched and every upload is its own object. Files stream through the cipher to the store's
 * staging area; the type is checked on the first bytes and the size while streaming, so a refused file never sits
 * in memory. Attachments stored before the shared store (random names under `<dataDir>/whistle`, the name in the
 * AAD) are still read from there.
 */
export interface StoredAttachment {
  storageKey: string;
  type: MediaType;
  size: number;
}

/** AAD of content-addressed attachments (the name is the ciphertext's hash, so it cannot be bound in advance). */
const STORED_AAD = 'attachment:stored';

export class AttachmentStore {
  constructor(
    private readonly storage: EvidenceStorage,
    private readonly key: WhistleKey,
    /** `<dataDir>/whistle`: attachments written before the shared store. */
    private readonly legacyRoot: string,
  ) {}

  private legacyPathOf(storageKey: string): string {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(storageKey)) throw new Error('invalid attachment key');
    return join(this.legacyRoot, storageKey);
  }

  async put(stream: AsyncIterable<Buffer>): Promise<StoredAttachment> {
    const { iv, cipher } = this.key.fileCipher(STORED_AAD);
    let type: MediaType | null = null;
    let size = 0;
    async function* encrypted(): AsyncGenerator<Buffer> {
      yield iv;
      let head = Buffer.alloc(0);
      // A photo's EXIF (with GPS), XMP and comments are removed before anything is kept (core/jpeg-metadata.ts).
      for await (const chunk of stripJpegMetadata(stream)) {
        size += chunk.length;
        if (!type) {
          head = Buffer.concat([head, chunk]);
          if (head.length < SNIFF_BYTES) continue;
          type = sniffMedia(head);
          if (!type) throw unsupported();
          yield cipher.update(head);
        } else {
          yield cipher.update(chunk);
        }
        if (size > limitOf(type)) throw tooLarge();
      }
      if (!type) {
        type = sniffMedia(head);
        if (!type) throw unsupported();
        yield cipher.update(head);
      }
      yield cipher.final();
      yield cipher.getAuthTag();
    }
    let stored: { sha256: string };
    if (this.storage.stage && this.storage.commit) {
      stored = await this.storage.commit(await this.storage.stage(Readable.from(encrypted())));
    } else {
      const parts: Buffer[] = [];
      for await (const part of encrypted()) parts.push(part);
      stored = await this.storage.put(Buffer.concat(parts));
    }
    if (!type) throw unsupported();
    return { storageKey: stored.sha256, type, size };
  }

  async read(storageKey: string): Promise<Buffer> {
    if (SHA256_HEX.test(storageKey)) {
      return this.key.openFile(await readAll(await this.storage.get(storageKey)), STORED_AAD);
    }
    return this.key.openFile(await readFile(this.legacyPathOf(storageKey)), `attachment:${storageKey}`);
  }

  async remove(storageKey: string): Promise<void> {
    if (SHA256_HEX.test(storageKey)) await this.storage.delete(storageKey);
    else await unlink(this.legacyPathOf(storageKey)).catch(() => {});
  }
}

async function readAll(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const unsupported = () =>
  new AppError('unsupported_file_type', `不支持的文件类型。只接受${ACCEPTED_MEDIA_LABEL} (unsupported file type)`);
export const tooLarge = () => new AppError('payload_too_large', `文件过大。${ACCEPTED_MEDIA_LABEL} (file too large)`);
