import { describe, expect, it } from 'vitest';
import { outsideQuietHours } from './quiet-hours.ts';

// Shanghai = UTC+8: 22:00 local = 14:00Z, 07:00 local = 23:00Z the day before.
const at = (iso: string) => new Date(iso);
const quiet = { start: '22:00', end: '07:00' };

describe('outsideQuietHours (Asia/Shanghai)', () => {
  it('lets a message out during the day', () => {
    expect(outsideQuietHours(at('2024-03-24T02:00:00Z'), quiet).toISOString()).toBe('2024-03-24T02:00:00.000Z');
    expect(outsideQuietHours(at('2024-03-24T02:00:00Z'), null).toISOString()).toBe('2024-03-24T02:00:00.000Z');
  });

  it('holds a message from 22:00 until 07:00 the next morning', () => {
    expect(outsideQuietHours(at('2024-03-24T14:00:00Z'), quiet).toISOString()).toBe('2024-03-24T23:00:00.000Z');
    expect(outsideQuietHours(at('2024-03-24T15:30:00Z'), quiet).toISOString()).toBe('2024-03-24T23:00:00.000Z');
    // 02:00 local on 03-25 (18:00Z on 03-24): same morning's 07:00.
    expect(outsideQuietHours(at('2024-03-24T18:00:00Z'), quiet).toISOString()).toBe('2024-03-24T23:00:00.000Z');
    expect(outsideQuietHours(at('2024-03-24T23:00:00Z'), quiet).toISOString()).toBe('2024-03-24T23:00:00.000Z');
  });

  it('handles a window inside one day', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(outsideQuietHours(at('2024-03-24T04:10:00Z'), lunch).toISOString()).toBe('2024-03-24T05:30:00.000Z');
    expect(outsideQuietHours(at('2024-03-24T05:30:00Z'), lunch).toISOString()).toBe('2024-03-24T05:30:00.000Z');
  });
});
