import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type EvidenceStorage, SHA256_HEX, type StagedEvidence } from './evidence-storage.ts';
import { discardStaged, stageToFile } from './staging.ts';

/**
 * Evidence files on the local disk under `<root>/ab/cd/<sha256>` (root is `${dataDir}/evidence`).
 * A file is written to a temporary name in its final folder, flushed, then renamed into place, so a reader
 * never sees half a file and a crash leaves at most a `*.tmp` behind.
 */
export class LocalEvidenceStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid evidence key');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const size = bytes.byteLength;
    if (await this.has(sha256)) return { sha256, size };
    const target = this.pathOf(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
    return { sha256, size };
  }

  async stage(source: Readable): Promise<StagedEvidence> {
    return stageToFile(join(this.root, '.staging'), source);
  }

  /** Moves a staged file into place (content-addressed: an existing copy is kept, the staged one dropped). */
  async commit(staged: StagedEvidence): Promise<{ sha256: string; size: number }> {
    const target = this.pathOf(staged.sha256);
    if (await this.has(staged.sha256)) {
      await unlink(staged.path).catch(() => {});
    } else {
      await mkdir(join(target, '..'), { recursive: true });
      const handle = await open(staged.path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(staged.path, target);
    }
    return { sha256: staged.sha256, size: staged.size };
  }

  async discard(staged: StagedEvidence): Promise<void> {
    await discardStaged(staged);
  }

  async delete(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch(() => {});
  }

  async get(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    await access(path);
    return createReadStream(path);
  }
}
