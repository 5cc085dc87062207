/**
 * The months a returned 工作进展 text says it covers. Pure.
 * A quarterly or yearly sheet is often filled in one cell for several months: 「1—3月：开展检查…」, 「1-3月份…」,
 * 「一至三月…」, 「2026年1月至3月…」, 「1、2月…」; or month by month on separate lines (「1月：…\n2月：…」).
 * Only a month expression at the START of a line counts (a date inside the sentence is what happened, not the
 * period the text is for); a day after the month (「3月15日…」) makes it a date, which still names its month.
 */

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1..12 from 「3」「03」「三」「十」「十一」「十二」; null otherwise. */
export function monthNumber(token: string): number | null {
  let n: number | null = null;
  if (/^\d{1,2}$/.test(token)) n = Number(token);
  else if (token === '十') n = 10;
  else if (/^十[一二]$/.test(token)) n = 10 + (CN_DIGITS[token.slice(1)] ?? 0);
  else if (token.length === 1 && CN_DIGITS[token] !== undefined) n = CN_DIGITS[token] ?? null;
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

const M = String.raw`(\d{1,2}|十[一二]?|[一二两三四五六七八九])`;
const DASH = String.raw`\s*(?:[—–\-~～〜－]+|至|到)\s*`;
const LEAD = String.raw`^[\s（(【\[]*(?:\d{4}\s*年\s*)?`;
const RANGE = new RegExp(String.raw`${LEAD}${M}\s*(?:月份?)?${DASH}(?:\d{4}\s*年\s*)?${M}\s*月份?`);
const MN = String.raw`(?:\d{1,2}|十[一二]?|[一二两三四五六七八九])`;
const LIST = new RegExp(String.raw`${LEAD}(${MN}(?:\s*[、，,和及]\s*${MN})+)\s*月份?`);
const SINGLE = new RegExp(String.raw`${LEAD}${M}\s*月份?`);

/**
 * The months named at the start of `line`, ascending, or null when it does not start with a month expression.
 * A range that runs backwards (「3—1月」) or names a month that does not exist (「13月」) is not read.
 */
export function monthsAtStart(line: string): number[] | null {
  const range = RANGE.exec(line);
  if (range) {
    const from = monthNumber(range[1] ?? '');
    const to = monthNumber(range[2] ?? '');
    if (from === null || to === null || to < from) return null;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const list = LIST.exec(line);
  if (list) {
    const months = (list[1] ?? '').split(/\s*[、，,和及]\s*/).map(monthNumber);
    if (months.some((m) => m === null)) return null;
    return [...new Set(months as number[])].sort((a, b) => a - b);
  }
  const single = SINGLE.exec(line);
  if (single) {
    const m = monthNumber(single[1] ?? '');
    return m === null ? null : [m];
  }
  return null;
}

export interface MonthPart {
  /** The months this part covers; null when the text names none (it goes where unmarked text goes). */
  months: number[] | null;
  /** The text as written, month expression included: what will be submitted. */
  text: string;
}

/**
 * Splits a department's text into parts by the month expressions that start its lines. Lines without one continue
 * the current part; leading lines without one form a part of their own (months null).
 */
export function splitByMonths(text: string): MonthPart[] {
  const parts: MonthPart[] = [];
  let current: MonthPart | null = null;
  for (const line of text.split('\n')) {
    const months = monthsAtStart(line);
    if (months !== null || current === null) {
      current = { months, text: line };
      parts.push(current);
    } else {
      current.text = `${current.text}\n${line}`;
    }
  }
  return parts.filter((p) => p.text.trim() !== '');
}
