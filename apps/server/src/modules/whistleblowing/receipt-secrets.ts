import { createHash, randomInt } from 'node:crypto';
import { formatReceiptCode, RECEIPT_ALPHABET, RECEIPT_LENGTH } from '@duban/shared/whistleblowing/receipt-code';
import { hash } from '@node-rs/argon2';
import { receiptHashLane } from './receipt-hash-lane.ts';

/** Receipt codes and passwords: random from the unambiguous alphabet; passwords kept only as argon2id hashes. */

function randomSymbols(n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s;
}

export function generateReceiptCode(): string {
  return formatReceiptCode(randomSymbols(RECEIPT_LENGTH));
}

/** 12 symbols (≈ 56 bits), shown as `ABCD-EFGH-JKMN`. */
export function generateReceiptPassword(): string {
  const s = randomSymbols(12);
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export function hashReceiptPassword(password: string): Promise<string> {
  return receiptHashLane().hash(password);
}

// Verified against when the code is unknown, so a wrong code costs exactly one argon2 verification too.
const DUMMY_HASH = await hash(randomSymbols(16));

/** Always one argon2 verification (in the low-priority lane), whether or not the code exists. */
export async function verifyReceiptPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const ok = await receiptHashLane().verify(passwordHash ?? DUMMY_HASH, password);
  return ok && passwordHash !== undefined;
}

/** The lockout key of what was typed (known code or not). */
export function lookupKey(typed: string): string {
  return createHash('sha256').update(`whistle-lookup:${typed}`).digest('hex');
}
