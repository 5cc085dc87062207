/**
 * Event-relative deadlines: 挂牌之日起3个工作日内, 会后7日内, 收到通知后5个工作日内, 整改期限不超过1年.
 * They have no absolute date; the rule keeps the event, the offset and the unit.
 */
import type { RelativeUnit } from './deadline.types.ts';

export interface RelativeMatch {
  /** Position (in the numeral-converted clause) where the offset expression starts and ends. */
  start: number;
  end: number;
  offset: number;
  unit: RelativeUnit;
}

const RELATIVE =
  /(不超过|不得超过|最长|最多)?(?<![\d.月年])(\d{1,3})(个工作日|工作日|自然日|日|天|个月|年|个?周|个?星期)(以内|之内|内)?/g;

function unitOf(word: string, n: number): { offset: number; unit: RelativeUnit } {
  if (word.endsWith('工作日')) return { offset: n, unit: 'workingDay' };
  if (word === '个月') return { offset: n, unit: 'month' };
  if (word === '年') return { offset: n, unit: 'year' };
  if (word.endsWith('周') || word.endsWith('星期')) return { offset: n * 7, unit: 'calendarDay' };
  return { offset: n, unit: 'calendarDay' };
}

/**
 * The first offset expression that reads as "within N units of an event":
 * followed by 内/以内/之内, preceded by 不超过/最长, or directly after 后/起.
 */
export function findRelative(s: string): RelativeMatch | null {
  for (const m of s.matchAll(RELATIVE)) {
    const before = s.charAt(m.index - 1);
    if (m[1] === undefined && m[4] === undefined && before !== '后' && before !== '起') continue;
    const n = Number(m[2]);
    if (n < 1) continue;
    return { start: m.index, end: m.index + m[0].length, ...unitOf(m[3] ?? '', n) };
  }
  return null;
}

const EVENT_LEAD = /^(?:须在|应在|需在|要在|应于|须于|需于|要于|务必在|必须在|自|从|在|于)/;
const EVENT_TRAIL = /(?:起|开始)$/;
const RECURRING_WORD = /每(?:年|月|周|星期|季|半年|天|日)/;

/** The event text before the offset, cleaned; null when there is no usable event. */
export function cleanEvent(text: string): string | null {
  const event = text.trim().replace(EVENT_LEAD, '').replace(EVENT_TRAIL, '').trim();
  if (event === '' || /[0-9]/.test(event) || RECURRING_WORD.test(event)) return null;
  if (!/^[\u4e00-\u9fff]+$/.test(event)) return null;
  return event;
}
