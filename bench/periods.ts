import { addDays, endOfMonth, formatDate } from '@duban/shared/civil-date';
import { sql } from 'kysely';
import { DATA_AS_OF, YEARS } from './scales.ts';

export type PeriodKind = 'monthly' | 'quarterly' | 'halfyearly' | 'yearly';

/** One reporting period of a year, with the dates the generator needs precomputed (no date math in SQL). */
export interface Period {
  kind: PeriodKind;
  year: number;
  /** Position in the year's periods of its kind, from 1. */
  seq: number;
  periodKey: string;
  start: string;
  due: string;
  /** 1 when due before DATA_AS_OF. */
  past: 0 | 1;
}

function periodsOfYear(year: number): Omit<Period, 'past'>[] {
  const out: Omit<Period, 'past'>[] = [];
  for (let m = 1; m <= 12; m += 1) {
    out.push({
      kind: 'monthly',
      year,
      seq: m,
      periodKey: `${year}-${String(m).padStart(2, '0')}`,
      start: formatDate(year, m, 1),
      due: endOfMonth(year, m),
    });
  }
  for (let q = 1; q <= 4; q += 1) {
    out.push({
      kind: 'quarterly',
      year,
      seq: q,
      periodKey: `${year}-Q${q}`,
      start: formatDate(year, q * 3 - 2, 1),
      due: endOfMonth(year, q * 3),
    });
  }
  out.push({ kind: 'halfyearly', year, seq: 1, periodKey: `${year}-H1`, start: `${year}-01-01`, due: `${year}-06-30` });
  out.push({ kind: 'halfyearly', year, seq: 2, periodKey: `${year}-H2`, start: `${year}-07-01`, due: `${year}-12-31` });
  out.push({ kind: 'yearly', year, seq: 1, periodKey: String(year), start: `${year}-01-01`, due: `${year}-12-31` });
  return out;
}

export const PERIODS: Period[] = YEARS.flatMap(periodsOfYear).map((p) => ({
  ...p,
  past: p.due < DATA_AS_OF ? 1 : 0,
}));

/**
 * The periods as a VALUES list for a CTE `p(kind, year, seq, period_key, window_start, due_date, past,
 * d_m5, d_m3, d_m1, d_p7, d_p9, d_p30)`: due date minus/plus days, for submissions, acceptances and extensions.
 */
export function periodValues() {
  return sql.join(
    PERIODS.map(
      (p) =>
        sql`(${sql.join([
          sql.lit(p.kind),
          sql.lit(p.year),
          sql.lit(p.seq),
          sql.lit(p.periodKey),
          sql.lit(p.start),
          sql.lit(p.due),
          sql.lit(p.past),
          ...[-5, -3, -1, 7, 9, 30].map((d) => sql.lit(addDays(p.due, d))),
        ])})`,
    ),
  );
}
