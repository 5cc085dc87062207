import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The audit chain's HMAC key. It lives outside the database, in `<DATA_DIR>/audit.key` (32 random bytes, hex,
 * mode 0600), generated at first start; someone who can write the database but not read this file cannot re-hash
 * the chain or forge a checkpoint. Back it up apart from the database (README): without it, `audit verify` cannot
 * confirm the chain.
 */
export const AUDIT_KEY_FILE = 'audit.key';

let current: Buffer | null = null;

/** Reads the key file of the data directory, creating it (0600, directory 0700) when missing. */
export function loadAuditKey(dataDir: string): Buffer {
  const path = join(dataDir, AUDIT_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(path, 0o600);
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`审计密钥文件格式不正确: ${path}`);
  return Buffer.from(hex, 'hex');
}

/** Sets the key every append and verification uses (bootstrap from DATA_DIR; tests a random one). */
export function useAuditKey(key: Buffer): void {
  if (key.length < 32) throw new Error('审计密钥至少 32 字节');
  current = key;
}

export function hasAuditKey(): boolean {
  return current !== null;
}

export function auditKey(): Buffer {
  if (!current) throw new Error('审计密钥未加载 (audit key not loaded: prepareDatabase or useAuditKey first)');
  return current;
}

export function auditMac(text: string, key: Buffer = auditKey()): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
