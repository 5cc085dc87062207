import type { QuietHours } from '@duban/shared/contracts/notifications';

/** Quiet hours in Asia/Shanghai (UTC+8, no daylight saving): external deliveries wait until they end. */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The earliest instant at or after `now` outside the quiet hours (`start`–`end`, may wrap past midnight). */
export function outsideQuietHours(now: Date, quiet: QuietHours | null): Date {
  if (!quiet) return now;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const local = now.getTime() + OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = Math.floor((local - dayStart) / 60_000);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return now;
  const endDay = start > end && minute >= start ? dayStart + DAY_MS : dayStart;
  return new Date(endDay + end * 60_000 - OFFSET_MS);
}

export function quietHoursOf(start: string | null, end: string | null): QuietHours | null {
  return start && end ? { start, end } : null;
}
