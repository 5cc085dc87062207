/**
 * Reading one-off date expressions (and ranges) at a position of a normalised clause
 * (simplified characters, Arabic digits): 2024年底, 6月底, 5.12, 3月中旬, 第3季度, 上半年, 2024-06-30, 3-6月, 2024-2026年.
 */
import { type CivilDate, daysInMonth, endOfMonth, formatDate } from '../civil-date.ts';

/** A span of days an expression names: 6月 → 06-01..06-30, 2024年 → 01-01..12-31, 5.12 → 05-12..05-12. */
export interface DateSpan {
  start: CivilDate;
  end: CivilDate;
  /** The year the expression resolved to (a range's second part inherits it). */
  year: number;
  /** True when the expression was itself a range (3-6月, 2024-2026年). */
  isRange: boolean;
  /** True when a year was written (2025年, 明年, 2025-06-30); later dates without a year inherit it. */
  explicitYear: boolean;
}

export type DateRead = { kind: 'date'; span: DateSpan; end: number } | { kind: 'invalid'; end: number };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const FULL_DATE = /(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/y;
const YEAR_RANGE = /(?<!\d)(\d{4})年?(?:至|到|-+|~)(\d{4})年(?:底|末)?/y;
const YEAR_PREFIX =
  /(?<!\d)(\d{4})年(?:度(?=\d|[上下第]))?|(今年|本年|当年|明年|次年|下1年|下年|来年|翌年|后年|去年)(?:度(?=\d|[上下第]))?/y;
const MONTH_RANGE = /(?<!\d)(\d{1,2})(?:至|到|-+|~)(\d{1,2})月(?:底|末|份)?/y;
const MONTH_DAY = /(?<!\d)(\d{1,2})月(\d{1,2})[日号]/y;
const DOTTED = /(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d.])/y;
const MONTH = /(?<!\d)(\d{1,2})月(上旬|中旬|下旬|底|末|份)?/y;
const QUARTER = /(?<!\d)第?(\d{1,2})季度(?:末|底)?/y;
const HALF = /(上|下)半年(?:末|底)?/y;
const YEAR_SUFFIX = /年底|年末|年终|年内|年度|全年|底|末|内|度/y;
const YEAR_WORD = /年底|年末|年终|岁末|年度内|年内|全年/y;
const RANGE_SEPARATOR = /\s*(?:起|开始)?\s*(?:至|到|-+|~)\s*/y;
/** A day without a month (6月10日、20日): it takes the month of the date before it. */
const DAY_ONLY = /(?<![\d.月])(\d{1,2})[日号](?!内|以内|之内|后|起)/y;

const RELATIVE_YEARS: Record<string, number> = {
  今年: 0,
  本年: 0,
  当年: 0,
  明年: 1,
  次年: 1,
  下1年: 1,
  下年: 1,
  来年: 1,
  翌年: 1,
  后年: 2,
  去年: -1,
};

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function validYear(y: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

function day(year: number, month: number, d: number, end: number): DateRead {
  if (!validYear(year) || month < 1 || month > 12 || d < 1 || d > daysInMonth(year, month)) {
    return { kind: 'invalid', end };
  }
  const date = formatDate(year, month, d);
  return { kind: 'date', span: { start: date, end: date, year, isRange: false, explicitYear: false }, end };
}

function span(year: number, start: CivilDate, last: CivilDate, end: number, isRange = false): DateRead {
  return { kind: 'date', span: { start, end: last, year, isRange, explicitYear: false }, end };
}

function monthPart(year: number, month: number, suffix: string | undefined, end: number): DateRead {
  if (month < 1 || month > 12) return { kind: 'invalid', end };
  if (suffix === '上旬') return span(year, formatDate(year, month, 1), formatDate(year, month, 10), end);
  if (suffix === '中旬') return span(year, formatDate(year, month, 11), formatDate(year, month, 20), end);
  if (suffix === '下旬') return span(year, formatDate(year, month, 21), endOfMonth(year, month), end);
  return span(year, formatDate(year, month, 1), endOfMonth(year, month), end);
}

function wholeYear(year: number, suffix: string, end: number): DateRead {
  if (!validYear(year)) return { kind: 'invalid', end };
  const endOnly = ['底', '末', '年底', '年末', '年终', '岁末'].includes(suffix);
  return span(year, formatDate(year, endOnly ? 12 : 1, 1), formatDate(year, 12, 31), end);
}

/** The part after an optional year: month/day, month, quarter, half, or nothing. */
function readAfterYear(s: string, pos: number, year: number, explicitYear: boolean): DateRead | null {
  let m = at(MONTH_RANGE, s, pos);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const end = pos + m[0].length;
    if (a < 1 || b > 12 || a > b) return { kind: 'invalid', end };
    return span(year, formatDate(year, a, 1), endOfMonth(year, b), end, true);
  }
  m = at(MONTH_DAY, s, pos) ?? at(DOTTED, s, pos);
  if (m) return day(year, Number(m[1]), Number(m[2]), pos + m[0].length);
  m = at(MONTH, s, pos);
  if (m) return monthPart(year, Number(m[1]), m[2], pos + m[0].length);
  m = at(QUARTER, s, pos);
  if (m) {
    const q = Number(m[1]);
    const end = pos + m[0].length;
    if (q < 1 || q > 4) return { kind: 'invalid', end };
    return span(year, formatDate(year, q * 3 - 2, 1), endOfMonth(year, q * 3), end);
  }
  m = at(HALF, s, pos);
  if (m) {
    const end = pos + m[0].length;
    return m[1] === '上'
      ? span(year, formatDate(year, 1, 1), formatDate(year, 6, 30), end)
      : span(year, formatDate(year, 7, 1), formatDate(year, 12, 31), end);
  }
  if (explicitYear) {
    m = at(YEAR_SUFFIX, s, pos);
    return wholeYear(year, m?.[0] ?? '', m ? pos + m[0].length : pos);
  }
  m = at(YEAR_WORD, s, pos);
  return m ? wholeYear(year, m[0], pos + m[0].length) : null;
}

function withExplicitYear(read: DateRead | null): DateRead | null {
  if (read?.kind === 'date') read.span.explicitYear = true;
  return read;
}

/**
 * One date expression at position i, or null when there is none.
 * `defaultYear` is used when no year is written; relative years (明年, 次年) count from `baseYear`.
 */
export function readDateExpr(
  s: string,
  i: number,
  defaultYear: number,
  baseYear: number,
  contextMonth?: number,
): DateRead | null {
  let m = at(FULL_DATE, s, i);
  if (m) return withExplicitYear(day(Number(m[1]), Number(m[2]), Number(m[3]), i + m[0].length));
  m = at(YEAR_RANGE, s, i);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const end = i + m[0].length;
    if (!validYear(a) || !validYear(b) || a > b) return { kind: 'invalid', end };
    return withExplicitYear(span(b, formatDate(a, 1, 1), formatDate(b, 12, 31), end, true));
  }
  m = at(YEAR_PREFIX, s, i);
  if (m) {
    const year = m[1] !== undefined ? Number(m[1]) : baseYear + (RELATIVE_YEARS[m[2] ?? ''] ?? 0);
    const read = readAfterYear(s, i + m[0].length, year, true);
    return read && !validYear(year) ? { kind: 'invalid', end: read.end } : withExplicitYear(read);
  }
  const read = readAfterYear(s, i, defaultYear, false);
  if (read || contextMonth === undefined) return read;
  m = at(DAY_ONLY, s, i);
  return m ? day(defaultYear, contextMonth, Number(m[1]), i + m[0].length) : null;
}

/** A date expression, or a range `A至B` / `A-B` of two (B inherits A's year). */
export function readDateOrRange(
  s: string,
  i: number,
  defaultYear: number,
  baseYear: number,
  contextMonth?: number,
): DateRead | null {
  const a = readDateExpr(s, i, defaultYear, baseYear, contextMonth);
  if (!a || a.kind === 'invalid' || a.span.isRange) return a;
  const sep = at(RANGE_SEPARATOR, s, a.end);
  if (!sep) return a;
  const b = readDateExpr(s, a.end + sep[0].length, a.span.year, a.span.year, Number(a.span.end.slice(5, 7)));
  if (!b) return a;
  if (b.kind === 'invalid' || b.span.isRange || b.span.end < a.span.start) return { kind: 'invalid', end: b.end };
  const range = span(b.span.year, a.span.start, b.span.end, b.end, true);
  return a.span.explicitYear || b.span.explicitYear ? withExplicitYear(range) : range;
}
