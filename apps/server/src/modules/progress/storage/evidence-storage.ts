import type { Readable } from 'node:stream';

/**
 * Content-addressed store of evidence bytes: the key is the sha256 of the content, so the same file uploaded
 * twice is stored once and a stored file cannot change under its key. The local disk implements it
 * (local-evidence-storage.ts); an S3-compatible bucket could implement the same interface.
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
