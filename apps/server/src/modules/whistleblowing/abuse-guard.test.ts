import { describe, expect, it } from 'vitest';
import { AbuseGuard, DEFAULT_LIMITS, networkOf, type RateStore, slotOf } from './abuse-guard.ts';
import { sniffMedia } from './media-type.ts';

const mac = (v: string) => `mac-${Buffer.from(v).toString('base64url')}`;

/** The guard's store in a map (the database one is tested through the app in whistleblowing-abuse.test.ts). */
function mapStore(): RateStore {
  const rows = new Map<string, number>();
  return {
    async addHits(buckets, slotStart) {
      for (const b of buckets) rows.set(`${b}|${slotStart}`, (rows.get(`${b}|${slotStart}`) ?? 0) + 1);
    },
    async sumHits(buckets, since) {
      const out = new Map<string, number>();
      for (const [k, hits] of rows) {
        const [b, start] = k.split('|');
        if (b && buckets.includes(b) && Number(start) > since) out.set(b, (out.get(b) ?? 0) + hits);
      }
      return out;
    },
    async claimOnce(bucket, windowStart) {
      const k = `${bucket}|${windowStart}`;
      if (rows.has(k)) return false;
      rows.set(k, 1);
      return true;
    },
    async sweep() {},
  };
}

describe('abuse guard', () => {
  it('groups addresses by /24 and /64', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
  });

  it('counts the slots that overlap the window: never fewer hits than the window holds', async () => {
    expect(slotOf(12_345, 1000)).toEqual({ slotStart: 12_300, since: 11_245 });
    const g = new AbuseGuard(mac, mapStore(), { ...DEFAULT_LIMITS, reportsPerIp: 2, reportWindowMs: 1000 });
    await g.countReport('10.0.0.1', 0);
    await g.countReport('10.0.0.1', 500);
    await expect(g.checkReportRate('10.0.0.1', 900)).rejects.toThrow(/频繁/);
    await expect(g.checkReportRate('10.0.0.2', 900)).resolves.toBeUndefined();
    // the first hit leaves the window (plus one slot) at 1100: one hit left, under the limit
    await expect(g.checkReportRate('10.0.0.1', 1100)).resolves.toBeUndefined();
  });

  it('challenges: right answer once, wrong or expired never', async () => {
    const g = new AbuseGuard(mac, mapStore());
    const c = g.issueChallenge(1000);
    const m = /(\d+) \+ (\d+)/.exec(c.question);
    const answer = String(Number(m?.[1]) + Number(m?.[2]));
    await expect(g.verifyChallenge(c.token, String(Number(answer) + 1), 2000)).rejects.toThrow();
    await expect(g.verifyChallenge(c.token, answer, 1000 + 31 * 60 * 1000)).rejects.toThrow();
    await expect(g.verifyChallenge(c.token.replace(/.$/, 'x'), answer, 2000)).rejects.toThrow();
    await g.verifyChallenge(c.token, answer, 2000);
    await expect(g.verifyChallenge(c.token, answer, 3000)).rejects.toThrow();
  });

  it('bounds concurrent uploads, queues a few, refuses the rest', async () => {
    const g = new AbuseGuard(mac, mapStore(), {
      ...DEFAULT_LIMITS,
      concurrentUploads: 1,
      uploadQueue: 1,
      uploadWaitMs: 1000,
    });
    let release: () => void = () => {};
    const first = g.withUploadSlot(() => new Promise<string>((r) => (release = () => r('first'))));
    const second = g.withUploadSlot(async () => 'second');
    await expect(g.withUploadSlot(async () => 'third')).rejects.toThrow(/稍后再试/);
    release();
    expect(await first).toBe('first');
    expect(await second).toBe('second');
    expect(await g.withUploadSlot(async () => 'again')).toBe('again');
  });

  it('recognises photos and videos by content only', () => {
    expect(sniffMedia(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))?.kind).toBe(
      'photo',
    );
    expect(sniffMedia(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypqt  0000')]))).toEqual({
      kind: 'video',
      mime: 'video/quicktime',
    });
    expect(sniffMedia(Buffer.from('%PDF-1.4 not a photo'))).toBeNull();
    expect(sniffMedia(Buffer.from('MZ executable.....'))).toBeNull();
  });
});
