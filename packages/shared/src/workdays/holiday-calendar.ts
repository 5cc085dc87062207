import { addDays, isCivilDate, isoWeekday, parseCivilDate } from '../civil-date.ts';

/**
 * The State Council holiday arrangement of one year: public holidays (放假) and the make-up working days (调休上班)
 * that fall on weekends. Data files live in apps/server/seed/holidays/<year>.json.
 */
export interface HolidayYear {
  year: number;
  source: string;
  holidays: { name: string; from: string; to: string }[];
  workdays: string[];
}

export class HolidayCalendarError extends Error {}

/** Working-day arithmetic over the loaded years. Outside them it refuses rather than guess (no weekday-only fallback). */
export class WorkdayCalendar {
  private readonly off = new Set<string>();
  private readonly on = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: HolidayYear[]) {
    for (const y of years) this.add(y);
  }

  add(y: HolidayYear): void {
    validateHolidayYear(y);
    for (const h of y.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) this.off.add(d);
    for (const d of y.workdays) this.on.add(d);
    this.years.add(y.year);
  }

  coveredYears(): number[] {
    return [...this.years].sort();
  }

  isWorkingDay(date: string): boolean {
    const year = parseCivilDate(date).year;
    if (!this.years.has(year)) {
      throw new HolidayCalendarError(`没有 ${year} 年的节假日安排，请先导入该年的国务院放假通知数据`);
    }
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    return isoWeekday(date) <= 5;
  }

  /** The date n working days after `date` (n < 0: before). n = 0 returns the date itself. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new HolidayCalendarError(`工作日数必须是整数: ${n}`);
    const step = n >= 0 ? 1 : -1;
    let current = date;
    for (let left = Math.abs(n); left > 0; ) {
      current = addDays(current, step);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }
}

/** Checks a year's file: dates valid and inside the year, ranges ordered, make-up days on weekends, no overlap. */
export function validateHolidayYear(y: HolidayYear): void {
  const problems: string[] = [];
  const inYear = (d: string) => isCivilDate(d) && d.startsWith(`${y.year}-`);
  for (const h of y.holidays) {
    if (!inYear(h.from) || !inYear(h.to) || h.from > h.to) problems.push(`${h.name}: ${h.from}–${h.to}`);
  }
  for (const d of y.workdays) {
    if (!inYear(d)) problems.push(`调休上班日 ${d} 无效`);
    else if (isoWeekday(d) <= 5) problems.push(`调休上班日 ${d} 不是周末`);
    else if (y.holidays.some((h) => d >= h.from && d <= h.to)) problems.push(`调休上班日 ${d} 落在假期内`);
  }
  if (!Number.isInteger(y.year) || problems.length > 0) {
    throw new HolidayCalendarError(`${y.year} 年节假日数据有误: ${problems.join('；')}`);
  }
}
