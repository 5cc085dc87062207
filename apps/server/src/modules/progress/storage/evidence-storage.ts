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
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
