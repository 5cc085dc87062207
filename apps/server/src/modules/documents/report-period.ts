import { endOfMonth, formatDate, isCivilDate, parseCivilDate } from '@duban/shared/civil-date';
import { AppError } from '../../core/app-error.ts';

/**
 * A reporting period of the exports and bulletins: a month (2024-03), a quarter (2024-Q1), a half-year (2024-H1),
 * a year (2024), or "as of" a date (asof-2024-06-30: from 1 January of that year to the date). Pure.
 */
export interface ReportPeriod {
  /** Canonical key, stored with snapshots and bulletins. */
  key: string;
  kind: 'month' | 'quarter' | 'half' | 'year' | 'asOf';
  year: number;
  /** First and last civil day of the period (inclusive). */
  start: string;
  end: string;
  /** 2024年第一季度, 2024年3月, 2024年上半年, 2024年度, 截至2024年6月30日. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

export function chineseDate(date: string): string {
  const { year, month, day } = parseCivilDate(date);
  return `${year}年${month}月${day}日`;
}

function invalid(input: string): AppError {
  return new AppError(
    'validation_failed',
    `统计期间“${input}”无法识别：应为 2024-03（月）、2024-Q1（季度）、2024-H1（半年）、2024（全年）或截至日期 2024-06-30`,
    [{ path: 'period', message: '格式应为 YYYY-MM、YYYY-Qn、YYYY-Hn、YYYY 或 asof-YYYY-MM-DD' }],
  );
}

/** Parses a period key; `asof-YYYY-MM-DD` and a bare date both mean "as of" that date. */
export function parseReportPeriod(input: string): ReportPeriod {
  const value = input.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    return { key: value, kind: 'year', year, start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年度` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw invalid(input);
    return {
      key: value,
      kind: 'month',
      year,
      start: formatDate(year, month, 1),
      end: endOfMonth(year, month),
      label: `${year}年${month}月`,
    };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return {
      key: value,
      kind: 'quarter',
      year,
      start: formatDate(year, q * 3 - 2, 1),
      end: endOfMonth(year, q * 3),
      label: `${year}年第${QUARTER_NAMES[q - 1]}季度`,
    };
  }
  m = /^(\d{4})-H([12])$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const first = m[2] === '1';
    return {
      key: value,
      kind: 'half',
      year,
      start: first ? `${year}-01-01` : `${year}-07-01`,
      end: first ? `${year}-06-30` : `${year}-12-31`,
      label: `${year}年${first ? '上' : '下'}半年`,
    };
  }
  m = /^(?:ASOF-)?(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m?.[1] && isCivilDate(m[1])) return asOfPeriod(m[1]);
  throw invalid(input);
}

/** From 1 January of the date's year to the date. */
export function asOfPeriod(date: string): ReportPeriod {
  if (!isCivilDate(date)) throw invalid(date);
  const { year } = parseCivilDate(date);
  return {
    key: `asof-${date}`,
    kind: 'asOf',
    year,
    start: `${year}-01-01`,
    end: date,
    label: `截至${chineseDate(date)}`,
  };
}

/** The period of a request: exactly one of `period` and `asOf`; `year`, when given, must be the period's year. */
export function resolveReportPeriod(input: { year?: number; period?: string; asOf?: string }): ReportPeriod {
  if (input.period !== undefined && input.asOf !== undefined) {
    throw new AppError('validation_failed', '统计期间（period）和截至日期（asOf）只能给出一个', [
      { path: 'period', message: '只能给出 period 或 asOf 之一' },
    ]);
  }
  const period =
    input.asOf !== undefined
      ? asOfPeriod(input.asOf)
      : input.period !== undefined
        ? parseReportPeriod(input.period)
        : input.year !== undefined
          ? parseReportPeriod(String(input.year))
          : null;
  if (!period) {
    throw new AppError('validation_failed', '请给出统计期间（period）或截至日期（asOf）', [
      { path: 'period', message: '必填' },
    ]);
  }
  if (input.year !== undefined && input.year !== period.year) {
    throw new AppError('validation_failed', `统计期间“${period.label}”不在 ${input.year} 年内`, [
      { path: 'period', message: '应在清单年度内' },
    ]);
  }
  return period;
}

/** The period's statuses are read on this date: today, or for an "as of" period its date (if already past). */
export function statusDate(period: ReportPeriod, today: string): string {
  return period.kind === 'asOf' && period.end < today ? period.end : today;
}
