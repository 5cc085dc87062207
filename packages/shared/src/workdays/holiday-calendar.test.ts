import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HolidayCalendarError, type HolidayYear, validateHolidayYear, WorkdayCalendar } from './holiday-calendar.ts';

const load = (year: number): HolidayYear =>
  JSON.parse(readFileSync(new URL(`../../../../apps/server/seed/holidays/${year}.json`, import.meta.url), 'utf8'));
const calendar = new WorkdayCalendar([load(2024), load(2025), load(2026)]);

describe('working days (State Council arrangements 2024–2026)', () => {
  it.each([
    // Spring Festival 2024: off 02-10..02-17, Sunday 02-04 and 02-18 are working days.
    ['2024-02-08', 1, '2024-02-09'],
    ['2024-02-09', 1, '2024-02-18'],
    ['2024-02-02', 1, '2024-02-04'],
    ['2024-02-18', -1, '2024-02-09'],
    // National Day 2024: off 10-01..10-07, 09-29 (Sun) and 10-12 (Sat) work.
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-29', 1, '2024-09-30'],
    ['2024-09-30', 1, '2024-10-08'],
    ['2024-10-11', 1, '2024-10-12'],
    // 3 working days after a Friday before May Day 2024 (05-01..05-05 off, 04-28 Sun works, 05-11 Sat works).
    ['2024-04-26', 3, '2024-04-30'],
    ['2024-04-30', 3, '2024-05-08'],
    // Spring Festival 2025: off 01-28..02-04; 01-26 (Sun) and 02-08 (Sat) work.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    // National Day + Mid-Autumn 2025: off 10-01..10-08; 09-28 (Sun) and 10-11 (Sat) work.
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-10', 1, '2025-10-11'],
    // Across the year boundary: New Year 2026 off 01-01..01-03, 01-04 (Sun) works.
    ['2025-12-31', 1, '2026-01-04'],
    // Spring Festival 2026: off 02-15..02-23; 02-14 (Sat) and 02-28 (Sat) work.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    // National Day 2026: off 10-01..10-07; 09-20 (Sun) and 10-10 (Sat) work.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-10-08', -1, '2026-09-30'],
    ['2024-03-15', 0, '2024-03-15'],
    ['2024-03-15', 5, '2024-03-22'],
    ['2024-03-15', -5, '2024-03-08'],
  ])('%s %+d working days → %s', (from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
  });

  it('knows make-up days and holidays', () => {
    expect(calendar.isWorkingDay('2024-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-12')).toBe(false);
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false);
    expect(calendar.isWorkingDay('2024-06-08')).toBe(false);
    expect(calendar.isWorkingDay('2024-06-11')).toBe(true);
  });

  it('refuses to count in a year it has no arrangement for', () => {
    expect(() => calendar.addWorkingDays('2026-12-30', 3)).toThrow(HolidayCalendarError);
    expect(() => calendar.addWorkingDays('2026-12-30', 3)).toThrow(/2027/);
  });

  it('rejects a broken data file', () => {
    const bad: HolidayYear = {
      year: 2027,
      source: 'x',
      holidays: [{ name: '春节', from: '2027-02-10', to: '2027-02-01' }],
      workdays: ['2027-02-03'],
    };
    expect(() => validateHolidayYear(bad)).toThrow(/春节/);
    expect(() => validateHolidayYear({ ...bad, holidays: [] })).toThrow(/不是周末/);
  });
});
