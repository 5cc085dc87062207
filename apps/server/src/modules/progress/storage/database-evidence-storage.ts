import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Db } from '../../../db/database.ts';
import { type EvidenceStorage, SHA256_HEX, type StagedEvidence } from './evidence-storage.ts';
import { discardStaged, stageToFile } from './staging.ts';

/**
 * Evidence bytes in the database itself (`evidence_blobs`: bytea on PostgreSQL, blob on SQLite): shared by every
 * app instance without another service, and in every `duban backup`. Uploads stage on this instance's disk while
 * they are checked, then one insert stores them (`on conflict do nothing`: two instances storing the same file at
 * once keep one copy). A file is read whole into memory (uploads are capped at 20 MB).
 */
export class DatabaseEvidenceStorage implements EvidenceStorage {
  constructor(
    private readonly db: Db,
    private readonly stagingDir: string,
  ) {}

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    const row = await this.db
      .selectFrom('evidence_blobs')
      .select('sha256')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row !== undefined;
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.insert(sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { sha256, size: bytes.byteLength };
  }

  stage(source: Readable): Promise<StagedEvidence> {
    return stageToFile(this.stagingDir, source);
  }

  async commit(staged: StagedEvidence): Promise<{ sha256: string; size: number }> {
    try {
      if (!(await this.has(staged.sha256))) await this.insert(staged.sha256, await readFile(staged.path));
    } finally {
      await discardStaged(staged);
    }
    return { sha256: staged.sha256, size: staged.size };
  }

  discard(staged: StagedEvidence): Promise<void> {
    return discardStaged(staged);
  }

  async get(sha256: string): Promise<Buffer> {
    if (!SHA256_HEX.test(sha256)) throw new Error('invalid evidence key');
    const row = await this.db
      .selectFrom('evidence_blobs')
      .select('bytes')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!row) throw new Error(`evidence ${sha256} is not stored`);
    return Buffer.from(row.bytes);
  }

  async delete(sha256: string): Promise<void> {
    await this.db.deleteFrom('evidence_blobs').where('sha256', '=', sha256).execute();
  }

  private async insert(sha256: string, bytes: Buffer): Promise<void> {
    await this.db
      .insertInto('evidence_blobs')
      .values({ sha256, size: bytes.byteLength, bytes, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
}
