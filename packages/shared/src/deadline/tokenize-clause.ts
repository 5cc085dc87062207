/**
 * Splitting one normalised clause (simplified characters, Arabic digits) into time tokens and leftover text.
 * Tokens: recurring periods (每月25日, 每年4月底), one-off dates and ranges, counts (N次), ongoing markers.
 */
import { addDays, type CivilDate } from '../civil-date.ts';
import { readDateExpr, readDateOrRange } from './date-expr.ts';
import type { RecurringKind } from './deadline.types.ts';

export type Token =
  | { type: 'ongoing'; vague: boolean }
  | { type: 'count'; value: number }
  | { type: 'items' }
  | { type: 'recurring'; kind: RecurringKind; dueMonth?: number; dueDay?: number; minCount?: number }
  | {
      type: 'once';
      start: CivilDate;
      due: CivilDate;
      isRange: boolean;
      year: number;
      explicitYear: boolean;
      /** Read from a holiday name (春节期间): beside another date it is only the object. */
      holiday?: boolean;
    }
  /** 2025年起, 自5月起: recurring duties of the clause (or the next) start then. */
  | { type: 'from'; start: CivilDate }
  /** 即日起, 自印发之日起: now; it adds no date. */
  | { type: 'now' }
  /** 17:00前, 下班前: a time of day after a date; an all-day deadline ignores it. */
  | { type: 'timeOfDay' }
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
  /** The month of the last date read (a bare day in the next clause takes it). */
  contextMonth: number | undefined;
}

/** Years for dates: `contextYear` for a date without a year; 今年/明年 count from `listYear`. */
export interface ClauseYears {
  listYear: number;
  contextYear: number;
  /** The month of the date just before (6月10日、20日): a bare day takes it. */
  contextMonth?: number;
  /** The shipped holiday calendar: a holiday's days in a year, or null when it does not know the year. */
  holidays?: HolidayLookup;
}

export type HolidayLookup = (name: string, year: number) => { from: CivilDate; to: CivilDate } | null;

interface Hit {
  token: Token;
  end: number;
}

const EVERY_YEAR_TWICE = /每1?年度?2次(?!\d)/y;
const EVERY_HALF_YEAR = /(?:每1?个?|按)半年度?(?:末|底)?/y;
const EVERY_QUARTER = /(?:每1?个?|按|逐)季度?(?:末月底|末月末|末|底)?/y;
const EVERY_MONTH = /(?:每1?个?|按|逐)月份?/y;
const EVERY_WEEK = /(?:每1?个?|按|逐)(?:周|星期|礼拜)/y;
const EVERY_YEAR = /(?:每1?个?|按|逐)年度?/y;
/** 1次/月, 2次/年, 1次/每季度: a count per period written with a slash. */
const SLASH_FREQUENCY = /(?<!\d)(\d{1,3})次\s*\/\s*(?:每)?(?:1个?|个)?(半年|季度?|月|年度?|周|星期)/y;
/** 一月一次, 一季度两次, 半年一次, 一年至少一次: a count per one period. */
const ONE_PERIOD_COUNT =
  /(?:(?<![\d.年上下每-])1个?(季度?|月|年度?|周|星期)|(?<![\d上下每])(半年))(?:至少|不少于|最少|开展|组织|检查|进行)?(\d{1,3})次/y;
/** 即日起, 自印发之日起: now (followed by a range end, a recurring duty or an ongoing marker). */
const NOW = /(?:自|从)?(?:即日|现在|今日|今天|目前|本方案印发之日|方案印发之日|印发之日|发文之日|通知印发之日)起?/y;
const FROM_SUFFIX = /\s*(?:起|开始)(?!\s*(?:至|到|-|~))/y;
const TIME_OF_DAY =
  /\s*(?:(?:上午|下午|晚上)?\d{1,2}(?::\d{2}|时|点)(?:\d{1,2}分|半|整)?|上午|下午|中午|晚上|下班)(?:以前|之前|前)?/y;
const HOLIDAY = /(?:(\d{4})年|(今年|明年|次年))?(春节|国庆节|国庆|劳动节|清明节|端午节|中秋节)(以前|之前|前|期间)/y;
const HOLIDAY_NAMES: Record<string, string> = {
  春节: '春节',
  国庆节: '国庆节',
  国庆: '国庆节',
  劳动节: '劳动节',
  清明节: '清明节',
  端午节: '端午节',
  中秋节: '中秋节',
};
const MONTH_DUE_DAY = /(?<!\d)(\d{1,2})[日号]/y;
const MONTH_XUN = /上旬|中旬|下旬|月底|月末|底|末/y;
const WEEKDAY = /([1-7日天])(?!次)(?!\d+次)(?!\d(?!\d?[:时点]))/y;
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

function periodKind(word: string): RecurringKind {
  if (word === '半年') return 'halfyearly';
  if (word.startsWith('季')) return 'quarterly';
  if (word === '月') return 'monthly';
  if (word.startsWith('年')) return 'yearly';
  return 'weekly';
}

function countHit(kind: RecurringKind, count: number, end: number): Hit {
  return { token: count >= 1 ? { type: 'recurring', kind, minCount: count } : INVALID, end };
}

function readRecurring(s: string, i: number): Hit | null {
  let m = at(SLASH_FREQUENCY, s, i);
  if (m) return countHit(periodKind(m[2] ?? ''), Number(m[1]), i + m[0].length);
  m = at(ONE_PERIOD_COUNT, s, i);
  if (m) return countHit(periodKind(m[1] ?? m[2] ?? ''), Number(m[3]), i + m[0].length);
  m = at(EVERY_YEAR_TWICE, s, i);
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

function readHoliday(s: string, i: number, years: ClauseYears): Hit | null {
  const m = at(HOLIDAY, s, i);
  if (!m || !years.holidays) return null;
  const year =
    m[1] !== undefined
      ? Number(m[1])
      : m[2] === undefined
        ? years.contextYear
        : years.listYear + (m[2] === '今年' ? 0 : 1);
  const days = years.holidays(HOLIDAY_NAMES[m[3] ?? ''] ?? '', year);
  if (!days) return null;
  const end = i + m[0].length;
  const explicitYear = m[1] !== undefined || m[2] !== undefined;
  if (m[4] === '期间') {
    const token: Token = {
      type: 'once',
      start: days.from,
      due: days.to,
      isRange: true,
      year,
      explicitYear,
      holiday: true,
    };
    return { token, end };
  }
  const due = addDays(days.from, -1);
  const start = `${due.slice(0, 4)}-01-01`;
  return { token: { type: 'once', start, due, isRange: false, year, explicitYear, holiday: true }, end };
}

/** 即日起至6月底: a range from now is the end date alone. */
function readNow(s: string, i: number, years: ClauseYears): Hit | null {
  const m = at(NOW, s, i);
  if (!m) return null;
  const end = i + m[0].length;
  const sep = at(/\s*(?:至|到|-+|~)\s*/y, s, end);
  if (!sep) return { token: { type: 'now' }, end };
  const date = readDateExpr(s, end + sep[0].length, years.contextYear, years.listYear);
  if (!date) return { token: { type: 'now' }, end };
  if (date.kind === 'invalid') return { token: INVALID, end: date.end };
  const { end: due, year, explicitYear } = date.span;
  const start = `${due.slice(0, 4)}-01-01`;
  return { token: { type: 'once', start, due, isRange: false, year, explicitYear }, end: date.end };
}

function readOther(s: string, i: number, years: ClauseYears): Hit | null {
  let m = at(VAGUE, s, i);
  if (m) return { token: { type: 'ongoing', vague: true }, end: i + m[0].length };
  m = at(ONGOING, s, i);
  if (m) return { token: { type: 'ongoing', vague: false }, end: i + m[0].length };
  const special = readHoliday(s, i, years) ?? readNow(s, i, years);
  if (special) return special;
  const date = readDateOrRange(s, i, years.contextYear, years.listYear, years.contextMonth);
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
  let contextMonth = years.contextMonth;
  const tokens: Located<Token>[] = [];
  const leftovers: Located<string>[] = [];
  let leftoverStart = -1;
  const flush = (end: number): void => {
    if (leftoverStart >= 0) leftovers.push({ value: s.slice(leftoverStart, end), start: leftoverStart, end });
    leftoverStart = -1;
  };
  let i = 0;
  while (i < s.length) {
    const previous = tokens[tokens.length - 1]?.value;
    const afterToken = tokens.length > 0 && tokens[tokens.length - 1]?.end === i;
    const timeOfDay =
      afterToken && (previous?.type === 'once' || previous?.type === 'recurring') ? at(TIME_OF_DAY, s, i) : null;
    const hit: Hit | null = timeOfDay
      ? { token: { type: 'timeOfDay' }, end: i + timeOfDay[0].length }
      : (readRecurring(s, i) ?? readOther(s, i, { ...years, contextYear, contextMonth }));
    if (hit && hit.end > i) {
      if (hit.token.type === 'once' && hit.token.explicitYear) contextYear = hit.token.year;
      if (hit.token.type === 'once') contextMonth = Number(hit.token.due.slice(5, 7));
      flush(i);
      tokens.push({ value: hit.token, start: i, end: hit.end });
      i = hit.end;
      const from = hit.token.type === 'once' && !hit.token.isRange ? at(FROM_SUFFIX, s, i) : null;
      if (from && hit.token.type === 'once') {
        tokens[tokens.length - 1] = {
          value: { type: 'from', start: hit.token.start },
          start: tokens[tokens.length - 1]?.start ?? i,
          end: i + from[0].length,
        };
        i += from[0].length;
      }
    } else {
      if (leftoverStart < 0) leftoverStart = i;
      i++;
    }
  }
  flush(s.length);
  return { tokens, leftovers, contextYear, contextMonth };
}
