/**
 * Splitting one normalised clause (simplified characters, Arabic digits) into time tokens and leftover text.
 * Tokens: recurring periods (每月25日, 每年4月底), one-off dates and ranges, counts (N次), ongoing markers.
 */
import type { CivilDate } from '../civil-date.ts';
import { readDateOrRange } from './date-expr.ts';
import type { RecurringKind } from './deadline.types.ts';

export type Token =
  | { type: 'ongoing'; vague: boolean }
  | { type: 'count'; value: number }
  | { type: 'items' }
  | { type: 'recurring'; kind: RecurringKind; dueMonth?: number; dueDay?: number }
  | { type: 'once'; start: CivilDate; due: CivilDate; isRange: boolean; year: number; explicitYear: boolean }
  | { type: 'invalid' };

export interface Located<T> {
  value: T;
  start: number;
  end: number;
}

export interface TokenizedClause {
  tokens: Located<Token>[];
  leftovers: Located<string>[];
  /** The year of the last date with a written year, else the year passed in: the next clause's default year. */
  contextYear: number;
}

/** Years for dates: `contextYear` for a date without a year; 今年/明年 count from `listYear`. */
export interface ClauseYears {
  listYear: number;
  contextYear: number;
}

interface Hit {
  token: Token;
  end: number;
}

const EVERY_YEAR_TWICE = /每年度?2次(?!\d)/y;
const EVERY_HALF_YEAR = /每半年度?(?:末|底)?/y;
const EVERY_QUARTER = /每个?季度?(?:末|底)?/y;
const EVERY_MONTH = /每个?月份?/y;
const EVERY_WEEK = /每个?(?:周|星期|礼拜)/y;
const EVERY_YEAR = /每年度?/y;
const MONTH_DUE_DAY = /(?<!\d)(\d{1,2})[日号]/y;
const MONTH_XUN = /上旬|中旬|下旬|月底|月末|底|末/y;
const WEEKDAY = /([1-7日天])(?![\d次])/y;
const YEAR_QUARTER = /第?(\d{1,2})季度(?:末|底)?/y;
const YEAR_HALF = /(上|下)半年(?:末|底)?/y;
const YEAR_MONTH_DAY = /(\d{1,2})(?:月(\d{1,2})[日号]|\.(\d{1,2})(?![\d.]))/y;
const YEAR_MONTH = /(\d{1,2})月(上旬|中旬|下旬|底|末|份)?/y;
const YEAR_END = /年底|年末|底|末/y;
const COUNT = /(?<!\d)(\d{1,3})次/y;
const ITEMS = /(?<!\d)\d+(?:项|个|家|场|批|条|件|人次|人|份)/y;
const VAGUE = /定期/y;
const ONGOING = /长期坚持|长期开展|持续推进|持续开展|持续抓好|持续加强|常态化|长效化|长效|长期|持续|坚持|经常性/y;

/** Days per month in a leap year: the widest a yearly 每年M月D日 may be (clamped in shorter years). */
const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

const INVALID: Token = { type: 'invalid' };

function readMonthly(s: string, pos: number): Hit {
  let m = at(MONTH_DUE_DAY, s, pos);
  if (m) {
    const d = Number(m[1]);
    const end = pos + m[0].length;
    return { token: d >= 1 && d <= 31 ? { type: 'recurring', kind: 'monthly', dueDay: d } : INVALID, end };
  }
  m = at(MONTH_XUN, s, pos);
  const end = m ? pos + m[0].length : pos;
  if (m?.[0] === '上旬') return { token: { type: 'recurring', kind: 'monthly', dueDay: 10 }, end };
  if (m?.[0] === '中旬') return { token: { type: 'recurring', kind: 'monthly', dueDay: 20 }, end };
  return { token: { type: 'recurring', kind: 'monthly' }, end };
}

function yearly(dueMonth: number | undefined, dueDay: number | undefined, end: number): Hit {
  if (dueMonth === undefined) return { token: { type: 'recurring', kind: 'yearly' }, end };
  if (dueMonth < 1 || dueMonth > 12) return { token: INVALID, end };
  if (dueDay === undefined) return { token: { type: 'recurring', kind: 'yearly', dueMonth }, end };
  if (dueDay < 1 || dueDay > (MAX_DAYS[dueMonth - 1] ?? 0)) return { token: INVALID, end };
  return { token: { type: 'recurring', kind: 'yearly', dueMonth, dueDay }, end };
}

function readYearly(s: string, pos: number): Hit {
  let m = at(YEAR_QUARTER, s, pos);
  if (m) {
    const q = Number(m[1]);
    return q >= 1 && q <= 4 ? yearly(q * 3, undefined, pos + m[0].length) : { token: INVALID, end: pos + m[0].length };
  }
  m = at(YEAR_HALF, s, pos);
  if (m) return yearly(m[1] === '上' ? 6 : undefined, undefined, pos + m[0].length);
  m = at(YEAR_MONTH_DAY, s, pos);
  if (m) return yearly(Number(m[1]), Number(m[2] ?? m[3]), pos + m[0].length);
  m = at(YEAR_MONTH, s, pos);
  if (m) {
    const xun = m[2] === '上旬' ? 10 : m[2] === '中旬' ? 20 : undefined;
    return yearly(Number(m[1]), xun, pos + m[0].length);
  }
  m = at(YEAR_END, s, pos);
  return yearly(undefined, undefined, m ? pos + m[0].length : pos);
}

function readRecurring(s: string, i: number): Hit | null {
  let m = at(EVERY_YEAR_TWICE, s, i);
  if (m) return { token: { type: 'recurring', kind: 'halfyearly' }, end: i + m[0].length };
  m = at(EVERY_HALF_YEAR, s, i);
  if (m) return { token: { type: 'recurring', kind: 'halfyearly' }, end: i + m[0].length };
  m = at(EVERY_QUARTER, s, i);
  if (m) return { token: { type: 'recurring', kind: 'quarterly' }, end: i + m[0].length };
  m = at(EVERY_MONTH, s, i);
  if (m) return readMonthly(s, i + m[0].length);
  m = at(EVERY_WEEK, s, i);
  if (m) {
    const pos = i + m[0].length;
    const w = at(WEEKDAY, s, pos);
    if (!w) return { token: { type: 'recurring', kind: 'weekly' }, end: pos };
    const dueDay = w[1] === '日' || w[1] === '天' ? 7 : Number(w[1]);
    return { token: { type: 'recurring', kind: 'weekly', dueDay }, end: pos + w[0].length };
  }
  m = at(EVERY_YEAR, s, i);
  if (m) return readYearly(s, i + m[0].length);
  return null;
}

function readOther(s: string, i: number, years: ClauseYears): Hit | null {
  let m = at(VAGUE, s, i);
  if (m) return { token: { type: 'ongoing', vague: true }, end: i + m[0].length };
  m = at(ONGOING, s, i);
  if (m) return { token: { type: 'ongoing', vague: false }, end: i + m[0].length };
  const date = readDateOrRange(s, i, years.contextYear, years.listYear);
  if (date?.kind === 'invalid') return { token: INVALID, end: date.end };
  if (date) {
    const { start, end, isRange, year, explicitYear } = date.span;
    return { token: { type: 'once', start, due: end, isRange, year, explicitYear }, end: date.end };
  }
  m = at(COUNT, s, i);
  if (m) {
    const value = Number(m[1]);
    return { token: value >= 1 ? { type: 'count', value } : INVALID, end: i + m[0].length };
  }
  m = at(ITEMS, s, i);
  if (m) return { token: { type: 'items' }, end: i + m[0].length };
  return null;
}

export function tokenizeClause(s: string, years: ClauseYears): TokenizedClause {
  let contextYear = years.contextYear;
  const tokens: Located<Token>[] = [];
  const leftovers: Located<string>[] = [];
  let leftoverStart = -1;
  const flush = (end: number): void => {
    if (leftoverStart >= 0) leftovers.push({ value: s.slice(leftoverStart, end), start: leftoverStart, end });
    leftoverStart = -1;
  };
  let i = 0;
  while (i < s.length) {
    const hit = readRecurring(s, i) ?? readOther(s, i, { listYear: years.listYear, contextYear });
    if (hit && hit.end > i) {
      if (hit.token.type === 'once' && hit.token.explicitYear) contextYear = hit.token.year;
      flush(i);
      tokens.push({ value: hit.token, start: i, end: hit.end });
      i = hit.end;
    } else {
      if (leftoverStart < 0) leftoverStart = i;
      i++;
    }
  }
  flush(s.length);
  return { tokens, leftovers, contextYear };
}
