/**
 * Civil dates as `YYYY-MM-DD` strings (Asia/Shanghai). Pure functions, no Date objects leak out,
 * so the process time zone never changes a result.
 */
export type CivilDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function formatDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseCivilDate(value: string): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(value);
  if (!m) throw new Error(`not a civil date: ${value}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new Error(`not a civil date: ${value}`);
  return { year, month, day };
}

export function isCivilDate(value: string): boolean {
  try {
    parseCivilDate(value);
    return true;
  } catch {
    return false;
  }
}

export function endOfMonth(year: number, month: number): CivilDate {
  return formatDate(year, month, daysInMonth(year, month));
}

/** Days since 1970-01-01 for a civil date (proleptic Gregorian). */
export function toDayNumber(value: CivilDate): number {
  const { year, month, day } = parseCivilDate(value);
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): CivilDate {
  const d = new Date(n * 86_400_000);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(value: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(value) + days);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(value: CivilDate): number {
  const n = toDayNumber(value);
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** Today's civil date in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
export function todayInShanghai(now: Date = new Date()): CivilDate {
  return fromDayNumber(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000));
}
