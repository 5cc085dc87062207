import type { Db } from '../../db/database.ts';
import { clearThrottle, findThrottle, pruneThrottle, saveThrottle } from './auth.repository.ts';

/**
 * Progressive delay instead of a lockout. Failures are counted per key — 'login:<lower-case username>' whether or
 * not such an account exists, 'password:<user id>' for password changes — and after `freeFailures` of them every
 * further attempt on that key waits base × 2^(n − free) ms, capped, before it is even checked. The answer is the
 * same as for any wrong password, so nobody can lock an account out or learn from the answer that it exists; the
 * cost of guessing grows while the owner still gets in (after at most `capMs`). Failures are forgotten `windowMs`
 * after the last one. Mutable so tests can shorten the delays.
 */
export const THROTTLE = { freeFailures: 3, baseMs: 1000, capMs: 30_000, windowMs: 15 * 60_000 };

export function throttleDelayMs(
  row: { failures: number; last_failure_at: string } | undefined,
  now: Date,
  t = THROTTLE,
): number {
  if (!row) return 0;
  if (now.getTime() - Date.parse(row.last_failure_at) > t.windowMs) return 0;
  const over = row.failures - t.freeFailures;
  if (over < 0) return 0;
  return Math.min(t.baseMs * 2 ** over, t.capMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits as long as the key's recent failures require; returns the delay it waited (for tests and logs). */
export async function waitForThrottle(db: Db, key: string, now = new Date()): Promise<number> {
  const delay = throttleDelayMs(await findThrottle(db, key), now);
  if (delay > 0) await sleep(delay);
  return delay;
}

/** Counts one more failure (restarting the count when the last failure is outside the window). */
export async function recordThrottleFailure(db: Db, key: string, now = new Date()): Promise<number> {
  const row = await findThrottle(db, key);
  const fresh = !row || now.getTime() - Date.parse(row.last_failure_at) > THROTTLE.windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  await saveThrottle(db, key, failures, now.toISOString());
  if (Math.random() < 0.01) await pruneThrottle(db, new Date(now.getTime() - 24 * 3_600_000).toISOString());
  return failures;
}

export async function forgetThrottle(db: Db, key: string): Promise<void> {
  await clearThrottle(db, key);
}

export const loginKey = (username: string) => `login:${username.trim().toLowerCase()}`;
export const passwordKey = (userId: number) => `password:${userId}`;
