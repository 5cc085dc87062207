import { endOfMonth, isoWeekday, parseCivilDate, toDayNumber } from '@duban/shared/civil-date';
import { icsDate } from './ics-writer.ts';

/**
 * The RRULE of a run of deadlines, when one maps cleanly onto them: every 7 days (weekly), or every k months
 * (k = 1, 2, 3, 4, 6, 12) on the month's last day or on one fixed day ≤ 28. The rule, started at the first date
 * and ending (UNTIL) at the last, yields exactly the given dates, or null is returned and the caller writes one
 * event per date.
 */
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const MONTH_STEPS = new Set([1, 2, 3, 4, 6, 12]);

export function seriesRule(sortedDates: readonly string[]): string | null {
  const [first] = sortedDates;
  const last = sortedDates.at(-1);
  if (sortedDates.length < 2 || first === undefined || last === undefined) return null;
  const until = `UNTIL=${icsDate(last)}`;

  const days = sortedDates.map(toDayNumber);
  if (days.every((d, i) => i === 0 || d - (days[i - 1] ?? 0) === 7)) {
    return `FREQ=WEEKLY;BYDAY=${WEEKDAYS[isoWeekday(first) - 1]};${until}`;
  }

  const parts = sortedDates.map(parseCivilDate);
  const months = parts.map((p) => p.year * 12 + p.month - 1);
  const step = (months[1] ?? 0) - (months[0] ?? 0);
  if (!MONTH_STEPS.has(step) || !months.every((m, i) => i === 0 || m - (months[i - 1] ?? 0) === step)) return null;

  let byMonthDay: string;
  if (sortedDates.every((d, i) => d === endOfMonth(parts[i]?.year ?? 0, parts[i]?.month ?? 0))) byMonthDay = '-1';
  else if (parts.every((p) => p.day === parts[0]?.day && p.day <= 28)) byMonthDay = String(parts[0]?.day);
  else return null;

  if (step === 12) return `FREQ=YEARLY;BYMONTH=${parts[0]?.month};BYMONTHDAY=${byMonthDay};${until}`;
  return `FREQ=MONTHLY;${step === 1 ? '' : `INTERVAL=${step};`}BYMONTHDAY=${byMonthDay};${until}`;
}
