import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../core/app-error.ts';

/**
 * Abuse control of the public side without outside services, in memory per server process:
 * - sliding-window counters per client address and per network (/24 for IPv4, /64 for IPv6);
 * - a one-time arithmetic challenge, MAC-signed so no state is kept until it is used;
 * - a bound on concurrent uploads, so reporters cannot starve the rest of the server.
 * Several instances each keep their own counters (the lookup lockout per receipt code is in the database).
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

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** How many hits are in the window for the key now. */
  count(key: string, now = Date.now()): number {
    const list = this.hits.get(key);
    if (!list) return 0;
    const fresh = list.filter((t) => t > now - this.windowMs);
    if (fresh.length === 0) this.hits.delete(key);
    else this.hits.set(key, fresh);
    return fresh.length;
  }

  isOver(key: string, now = Date.now()): boolean {
    return this.count(key, now) >= this.limit;
  }

  hit(key: string, now = Date.now()): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const key of [...this.hits.keys()]) this.count(key, now);
  }
}

export interface GuardLimits {
  reportsPerIp: number;
  reportsPerNetwork: number;
  reportWindowMs: number;
  lookupFailuresPerIp: number;
  lookupWindowMs: number;
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
  concurrentUploads: 4,
  uploadQueue: 50,
  uploadWaitMs: 15_000,
};

const busy = () => new AppError('too_many_attempts', '当前提交人数较多，请稍后再试 (server busy)');
const tooMany = () => new AppError('too_many_attempts', '提交过于频繁，请稍后再试 (too many requests)');

export class AbuseGuard {
  private readonly reportsByIp: SlidingWindowLimiter;
  private readonly reportsByNet: SlidingWindowLimiter;
  private readonly lookupFailuresByIp: SlidingWindowLimiter;
  private readonly usedChallenges = new Map<string, number>();
  private uploads = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly mac: (value: string) => string,
    readonly limits: GuardLimits = DEFAULT_LIMITS,
  ) {
    this.reportsByIp = new SlidingWindowLimiter(limits.reportsPerIp, limits.reportWindowMs);
    this.reportsByNet = new SlidingWindowLimiter(limits.reportsPerNetwork, limits.reportWindowMs);
    this.lookupFailuresByIp = new SlidingWindowLimiter(limits.lookupFailuresPerIp, limits.lookupWindowMs);
  }

  checkReportRate(ip: string): void {
    if (this.reportsByIp.isOver(ip) || this.reportsByNet.isOver(networkOf(ip))) throw tooMany();
  }

  countReport(ip: string): void {
    this.reportsByIp.hit(ip);
    this.reportsByNet.hit(networkOf(ip));
  }

  lookupLocked(ip: string): boolean {
    return this.lookupFailuresByIp.isOver(ip);
  }

  countLookupFailure(ip: string): void {
    this.lookupFailuresByIp.hit(ip);
  }

  /** A question with a small sum, valid for 30 minutes, usable once. */
  issueChallenge(now = Date.now()): { token: string; question: string } {
    const a = randomInt(2, 10);
    const b = randomInt(2, 10);
    const expires = now + 30 * 60 * 1000;
    const nonce = randomBytes(9).toString('base64url');
    return { token: `${expires}.${nonce}.${this.mac(`${expires}.${nonce}.${a + b}`)}`, question: `${a} + ${b} = ?` };
  }

  verifyChallenge(token: string, answer: string, now = Date.now()): void {
    const wrong = new AppError('validation_failed', '验证题答案不正确或已过期，请重新作答 (challenge failed)', {
      field: 'challengeAnswer',
    });
    const [expires, nonce, mac] = token.split('.');
    if (!expires || !nonce || !mac || !/^\d{1,3}$/.test(answer)) throw wrong;
    if (Number(expires) < now) throw wrong;
    const expected = Buffer.from(this.mac(`${expires}.${nonce}.${Number(answer)}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw wrong;
    for (const [n, exp] of this.usedChallenges) if (exp < now) this.usedChallenges.delete(n);
    if (this.usedChallenges.has(nonce)) throw wrong;
    this.usedChallenges.set(nonce, Number(expires));
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
