import type { Readable } from 'node:stream';

/**
 * Content-addressed store of evidence bytes: the key is the sha256 of the content, so the same file uploaded
 * twice is stored once and a stored file cannot change under its key. Three implementations, one chosen by
 * configuration (DUBAN_STORAGE, open-evidence-storage.ts): the local disk (local-evidence-storage.ts), a table of
 * the database (database-evidence-storage.ts) and an S3-compatible bucket (s3-evidence-storage.ts); the last two
 * are shared by every app instance. Evidence, hazard and inspection photos and the whistleblowers' encrypted
 * attachments all go through it.
 */
export interface EvidenceStorage {
  /** Stores the bytes (no-op when already present) and returns their key and size. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The stored bytes; throws when the key is unknown. */
  get(sha256: string): Promise<Readable | Buffer>;
  has(sha256: string): Promise<boolean>;
  /**
   * Streams an upload to a staging file while hashing it (never the whole file in memory); the caller checks it
   * (`head` for the type, `path` for an office file's zip directory), then commits or discards it.
   */
  stage?(source: Readable): Promise<StagedEvidence>;
  commit?(staged: StagedEvidence): Promise<{ sha256: string; size: number }>;
  discard?(staged: StagedEvidence): Promise<void>;
  /**
   * Removes an object. Only for content that is never shared between records (the whistleblowers' ciphertext,
   * random per upload); evidence is content-addressed and may be referenced twice, so it is never deleted.
   */
  delete(sha256: string): Promise<void>;
}

export interface StagedEvidence {
  sha256: string;
  size: number;
  /** The first bytes (type detection). */
  head: Buffer;
  /** The staging file. */
  path: string;
}

export const STAGED_HEAD_BYTES = 1024 * 1024;

export const SHA256_HEX = /^[0-9a-f]{64}$/;
