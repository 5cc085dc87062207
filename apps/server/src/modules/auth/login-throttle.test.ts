import { describe, expect, it } from 'vitest';
import { throttleDelayMs } from './login-throttle.ts';

describe('progressive delay', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  const t = { freeFailures: 3, baseMs: 1000, capMs: 30_000, windowMs: 15 * 60_000 };
  const at = (failures: number, minutesAgo = 0) => ({
    failures,
    last_failure_at: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
  });

  it('lets the first failures through, then doubles the wait up to the cap', () => {
    expect(throttleDelayMs(undefined, now, t)).toBe(0);
    expect(throttleDelayMs(at(2), now, t)).toBe(0);
    expect(throttleDelayMs(at(3), now, t)).toBe(1000);
    expect(throttleDelayMs(at(4), now, t)).toBe(2000);
    expect(throttleDelayMs(at(6), now, t)).toBe(8000);
    expect(throttleDelayMs(at(50), now, t)).toBe(30_000);
  });

  it('forgets failures after the window', () => {
    expect(throttleDelayMs(at(10, 16), now, t)).toBe(0);
    expect(throttleDelayMs(at(10, 14), now, t)).toBe(30_000);
  });
});
