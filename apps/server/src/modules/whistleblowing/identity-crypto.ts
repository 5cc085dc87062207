import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that seals reporters' identities and uploaded files (AES-256-GCM). It comes from DUBAN_WHISTLE_KEY
 * (32 bytes as base64 or hex) or from `<dataDir>/whistle.key`, generated with mode 0600 at first start. Losing the
 * key makes every sealed identity unreadable: back the file up apart from the database (README).
 */
export const KEY_FILE = 'whistle.key';

export class WhistleKey {
  private constructor(private readonly key: Buffer) {}

  static fromConfig(configured: string | undefined, dataDir: string): WhistleKey {
    if (configured) return new WhistleKey(decodeKey(configured, 'DUBAN_WHISTLE_KEY'));
    const path = join(dataDir, KEY_FILE);
    if (existsSync(path)) return new WhistleKey(decodeKey(readFileSync(path, 'utf8').trim(), path));
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return new WhistleKey(key);
  }

  /** 'v1.<iv>.<tag>.<ciphertext>' (base64url); `aad` binds the value to its record. */
  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ct]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, aad: string): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('sealed value has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A streaming file cipher: iv(12) ‖ ciphertext ‖ tag(16). */
  fileCipher(aad: string) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    return { iv, cipher };
  }

  openFile(bytes: Buffer, aad: string): Buffer {
    const iv = bytes.subarray(0, 12);
    const tag = bytes.subarray(bytes.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  }

  /** A keyed MAC for the public challenge tokens (a separate purpose label keeps it apart from the cipher). */
  mac(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}

function decodeKey(text: string, source: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32) throw new Error(`举报身份密钥应为 32 字节（base64 或十六进制）: ${source}`);
  return bytes;
}
