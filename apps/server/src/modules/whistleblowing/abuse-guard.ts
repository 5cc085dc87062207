import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../core/app-error.ts';

/**
 * Abuse control of the public side without outside services:
 * - windowed counters per client address and per network (/24 for IPv4, /64 for IPv6), and the lookup lockout per
 *   address, kept in the database (public_rate_counters) so several instances agree; each window is split into
 *   slots, a hit is one atomic upsert and a check one indexed sum over at most a slot count of rows per bucket;
 * - a one-time arithmetic challenge, MAC-signed so no state is kept until it is used, its use claimed once in the
 *   same table;
 * - a bound on concurrent uploads per instance, so reporters cannot starve the rest of the server.
 */

export function networkOf(ip: string): string {
  try {
    let addr = ipaddr.parse(ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    }
    if (addr.kind() === 'ipv4') return `${addr.toByteArray().slice(0, 3).join('.')}.0/24`;
    const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
    return `${parts.join(':')}::/64`;
  } catch {
    return `unknown:${ip}`;
  }
}

/** What the guard keeps in the database (whistleblowing.repository in the app). */
export interface RateStore {
  addHits(buckets: string[], slotStart: number): Promise<void>;
  sumHits(buckets: string[], since: number): Promise<Map<string, number>>;
  claimOnce(bucket: string, windowStart: number): Promise<boolean>;
  sweep(before: number): Promise<void>;
}

/** A window of `windowMs` split into this many slots; a check counts the slots that overlap the window. */
export const SLOTS_PER_WINDOW = 10;

export function slotOf(now: number, windowMs: number): { slotStart: number; since: number } {
  const slotMs = Math.ceil(windowMs / SLOTS_PER_WINDOW);
  const slotStart = Math.floor(now / slotMs) * slotMs;
  // A slot [s, s + slotMs) overlaps the window (now - windowMs, now] when s > now - windowMs - slotMs: the count
  // never misses a hit of the window and at most adds one slot's older hits.
  return { slotStart, since: now - windowMs - slotMs };
}

export interface GuardLimits {
  reportsPerIp: number;
  reportsPerNetwork: number;
  reportWindowMs: number;
  lookupFailuresPerIp: number;
  lookupWindowMs: number;
  /** The public form's registry name search. */
  searchesPerIp: number;
  searchWindowMs: number;
  concurrentUploads: number;
  uploadQueue: number;
  uploadWaitMs: number;
}

export const DEFAULT_LIMITS: GuardLimits = {
  reportsPerIp: 5,
  reportsPerNetwork: 30,
  reportWindowMs: 60 * 60 * 1000,
  lookupFailuresPerIp: 20,
  lookupWindowMs: 15 * 60 * 1000,
  searchesPerIp: 60,
  searchWindowMs: 10 * 60 * 1000,
  concurrentUploads: 4,
  uploadQueue: 50,
  uploadWaitMs: 15_000,
};

const CHALLENGE_TTL_MS = 30 * 60 * 1000;

const busy = () => new AppError('too_many_attempts', '当前提交人数较多，请稍后再试 (server busy)');
const tooMany = () => new AppError('too_many_attempts', '提交过于频繁，请稍后再试 (too many requests)');

const SWEEP_EVERY_MS = 60_000;

export class AbuseGuard {
  private lastSweep = 0;
  private uploads = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly mac: (value: string) => string,
    private readonly store: RateStore,
    readonly limits: GuardLimits = DEFAULT_LIMITS,
  ) {}

  async checkReportRate(ip: string, now = Date.now()): Promise<void> {
    const ipKey = `report:ip:${ip}`;
    const netKey = `report:net:${networkOf(ip)}`;
    const counts = await this.store.sumHits([ipKey, netKey], slotOf(now, this.limits.reportWindowMs).since);
    if ((counts.get(ipKey) ?? 0) >= this.limits.reportsPerIp) throw tooMany();
    if ((counts.get(netKey) ?? 0) >= this.limits.reportsPerNetwork) throw tooMany();
  }

  async countReport(ip: string, now = Date.now()): Promise<void> {
    const { slotStart } = slotOf(now, this.limits.reportWindowMs);
    await this.store.addHits([`report:ip:${ip}`, `report:net:${networkOf(ip)}`], slotStart);
    await this.maybeSweep(now);
  }

  async lookupLocked(ip: string, now = Date.now()): Promise<boolean> {
    const key = `lookup:ip:${ip}`;
    const counts = await this.store.sumHits([key], slotOf(now, this.limits.lookupWindowMs).since);
    return (counts.get(key) ?? 0) >= this.limits.lookupFailuresPerIp;
  }

  async countLookupFailure(ip: string, now = Date.now()): Promise<void> {
    await this.store.addHits([`lookup:ip:${ip}`], slotOf(now, this.limits.lookupWindowMs).slotStart);
    await this.maybeSweep(now);
  }

  /** Counts a registry name search of an address; refuses it beyond the address's limit. */
  async countSearch(ip: string, now = Date.now()): Promise<void> {
    const key = `search:ip:${ip}`;
    const { slotStart, since } = slotOf(now, this.limits.searchWindowMs);
    await this.store.addHits([key], slotStart);
    const counts = await this.store.sumHits([key], since);
    if ((counts.get(key) ?? 0) > this.limits.searchesPerIp) {
      throw new AppError('too_many_attempts', '查找过于频繁，请稍后再试 (too many searches)');
    }
    await this.maybeSweep(now);
  }

  /** Old slots and used challenges go at most once a minute per instance: one indexed delete. */
  private async maybeSweep(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const longest = Math.max(
      this.limits.reportWindowMs,
      this.limits.lookupWindowMs,
      this.limits.searchWindowMs,
      CHALLENGE_TTL_MS,
    );
    await this.store.sweep(now - 2 * longest);
  }

  /** A question with a small sum, valid for 30 minutes, usable once. */
  issueChallenge(now = Date.now()): { token: string; question: string } {
    const a = randomInt(2, 10);
    const b = randomInt(2, 10);
    const expires = now + CHALLENGE_TTL_MS;
    const nonce = randomBytes(9).toString('base64url');
    return { token: `${expires}.${nonce}.${this.mac(`${expires}.${nonce}.${a + b}`)}`, question: `${a} + ${b} = ?` };
  }

  async verifyChallenge(token: string, answer: string, now = Date.now()): Promise<void> {
    const wrong = new AppError('validation_failed', '验证题答案不正确或已过期，请重新作答 (challenge failed)', {
      field: 'challengeAnswer',
    });
    const [expires, nonce, mac] = token.split('.');
    if (!expires || !nonce || !mac || !/^\d{1,3}$/.test(answer)) throw wrong;
    if (Number(expires) < now) throw wrong;
    const expected = Buffer.from(this.mac(`${expires}.${nonce}.${Number(answer)}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw wrong;
    if (!(await this.store.claimOnce(`challenge:${nonce}`, Number(expires)))) throw wrong;
  }

  /**
   * Runs an upload within the concurrency bound: a few at a time stream to disk and hash passwords; the next ones
   * wait their turn (FIFO, at most `uploadQueue` waiting, each at most `uploadWaitMs`), anything beyond answers 429
   * at once instead of piling up.
   */
  async withUploadSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.uploads >= this.limits.concurrentUploads) {
      if (this.waiting.length >= this.limits.uploadQueue) throw busy();
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          resolve,
          timer: setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(waiter), 1);
            reject(busy());
          }, this.limits.uploadWaitMs),
        };
        this.waiting.push(waiter);
      });
    } else {
      this.uploads += 1;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve();
      } else {
        this.uploads -= 1;
      }
    }
  }
}
