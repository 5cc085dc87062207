import { describe, expect, it } from 'vitest';
import { AbuseGuard, DEFAULT_LIMITS, networkOf, SlidingWindowLimiter } from './abuse-guard.ts';
import { sniffMedia } from './media-type.ts';

const mac = (v: string) => `mac-${Buffer.from(v).toString('base64url')}`;

describe('abuse guard', () => {
  it('groups addresses by /24 and /64', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
  });

  it('counts in a sliding window', () => {
    const l = new SlidingWindowLimiter(2, 1000);
    l.hit('a', 0);
    l.hit('a', 500);
    expect(l.isOver('a', 900)).toBe(true);
    expect(l.isOver('a', 1200)).toBe(false);
    expect(l.isOver('b', 900)).toBe(false);
  });

  it('challenges: right answer once, wrong or expired never', () => {
    const g = new AbuseGuard(mac);
    const c = g.issueChallenge(1000);
    const m = /(\d+) \+ (\d+)/.exec(c.question);
    const answer = String(Number(m?.[1]) + Number(m?.[2]));
    expect(() => g.verifyChallenge(c.token, String(Number(answer) + 1), 2000)).toThrow();
    expect(() => g.verifyChallenge(c.token, answer, 1000 + 31 * 60 * 1000)).toThrow();
    expect(() => g.verifyChallenge(c.token.replace(/.$/, 'x'), answer, 2000)).toThrow();
    g.verifyChallenge(c.token, answer, 2000);
    expect(() => g.verifyChallenge(c.token, answer, 3000)).toThrow();
  });

  it('bounds concurrent uploads, queues a few, refuses the rest', async () => {
    const g = new AbuseGuard(mac, { ...DEFAULT_LIMITS, concurrentUploads: 1, uploadQueue: 1, uploadWaitMs: 1000 });
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
