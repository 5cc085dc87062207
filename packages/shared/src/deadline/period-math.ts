/** Period arithmetic on civil dates, for the occurrence expander. Pure, no Date objects leak out. */
import {
  addDays,
  type CivilDate,
  daysInMonth,
  endOfMonth,
  formatDate,
  isoWeekday,
  parseCivilDate,
  toDayNumber,
} from '../civil-date.ts';

export function startOfIsoWeek(date: CivilDate): CivilDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO 8601 week key: the week belongs to the year of its Thursday. 2024-12-30 → '2025-W01'. */
export function isoWeekKey(date: CivilDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const { year } = parseCivilDate(thursday);
  const firstThursdayWeekStart = startOfIsoWeek(formatDate(year, 1, 4));
  const week = (toDayNumber(startOfIsoWeek(date)) - toDayNumber(firstThursdayWeekStart)) / 7 + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Day `day` of the month, clamped to the month's last day (每月31日 in April → 04-30). */
export function clampedDay(year: number, month: number, day: number): CivilDate {
  return formatDate(year, month, Math.min(day, daysInMonth(year, month)));
}

export function quarterEnd(year: number, quarter: number): CivilDate {
  return endOfMonth(year, quarter * 3);
}

export function quarterStart(year: number, quarter: number): CivilDate {
  return formatDate(year, quarter * 3 - 2, 1);
}

/** Months from (y1, m1) to (y2, m2), both inclusive. */
export function monthsBetween(from: CivilDate, to: CivilDate): { year: number; month: number }[] {
  const a = parseCivilDate(from);
  const b = parseCivilDate(to);
  const out: { year: number; month: number }[] = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month); ) {
    out.push({ year: y, month: m });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
