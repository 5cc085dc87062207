/** The generalised reader: leftover judgement, graded results, brackets, starts, holidays. */
import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './expand-occurrences.ts';
import { parseDeadline } from './parse-deadline.ts';
import { every, once, withoutSource, YEAR_2024 } from './test-helpers.ts';

const holidays = (name: string, year: number) =>
  name === '春节' && year === 2024 ? { from: '2024-02-10', to: '2024-02-17' } : null;

describe('parseDeadline: the leftover decides', () => {
  it('reads a date with a preposition before and an action with recipient and object after', () => {
    const parsed = parseDeadline('应于2024年6月底前报送市应急管理局备案', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([once('2024-06-30')]);
    expect(parsed.needsReview).toBe(false);
  });

  it.each([
    ['6月底前完成50%', 'a percentage'],
    ['6月中', 'a month part it does not know'],
    ['每两月一次', 'an unread period'],
    ['6月底后', 'after a date'],
    ['5月起', 'a start without a duty'],
    ['6月底前（第1阶段）', 'a number in brackets'],
  ])('flags %s (%s) without a date', (text) => {
    const parsed = parseDeadline(text, { year: 2024 });
    expect(parsed.needsReview).toBe(true);
    expect(parsed.rules.filter((r) => r.kind === 'once' && r.due === '2024-06-30' && text.includes('中'))).toEqual([]);
  });

  it('grades a date beside a doubt word: the date is kept, and review is asked', () => {
    const parsed = parseDeadline('原则上6月底前完成', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([once('2024-06-30')]);
    expect(parsed.needsReview).toBe(true);
    expect(parsed.unparsed).toEqual(['原则上6月底前完成']);
  });

  it('grades a condition written before a top-level recurring duty', () => {
    const parsed = parseDeadline('每年1次，高危企业每半年1次', { year: 2024 });
    expect(parsed.needsReview).toBe(true);
    expect(parsed.rules.map((r) => r.kind)).toEqual(['yearly', 'halfyearly']);
  });
});

describe('parseDeadline: brackets', () => {
  it('takes a bracketed date with a preposition as a date, never as a condition named 在', () => {
    const parsed = parseDeadline('每季度至少一次（在6月底前）', { year: 2024 });
    expect(parsed.rules.every((r) => r.condition === null)).toBe(true);
    expect(withoutSource(parsed.rules)).toEqual([every('quarterly'), once('2024-06-30')]);
  });

  it('makes a bracketed date the due date of the yearly duty before it', () => {
    const parsed = parseDeadline('每年至少一次（在6月底前）', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([every('yearly', { dueMonth: 6 })]);
    expect(parsed.needsReview).toBe(false);
  });

  it('keeps a real condition', () => {
    const parsed = parseDeadline('每年1次（涉及有限空间作业的企业每季度1次）', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([
      every('yearly'),
      every('quarterly', { condition: '涉及有限空间作业的企业' }),
    ]);
  });
});

describe('parseDeadline: starts, enumerations, holidays', () => {
  it('starts a recurring duty in a later year, and the expander honours it', () => {
    const parsed = parseDeadline('2025年起每年开展一次', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([every('yearly', { startsOn: '2025-01-01' })]);
    expect(expandOccurrences(parsed.rules, YEAR_2024)).toEqual([]);
    expect(expandOccurrences(parsed.rules, { from: '2025-01-01', to: '2025-12-31' })).toHaveLength(1);
  });

  it('starts monthly duties from a month named in the clause before', () => {
    const parsed = parseDeadline('2024年5月起，每月开展一次', { year: 2024 });
    expect(expandOccurrences(parsed.rules, YEAR_2024).map((o) => o.due)[0]).toBe('2024-05-31');
    expect(parsed.needsReview).toBe(false);
  });

  it('lets a bare day take the month before it', () => {
    const parsed = parseDeadline('3月10日、20日', { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual([once('2024-03-10'), once('2024-03-20')]);
  });

  it('reads 春节前 through the calendar, and flags it for a year the calendar does not know', () => {
    expect(withoutSource(parseDeadline('春节前', { year: 2024, holidays }).rules)).toEqual([once('2024-02-09')]);
    expect(parseDeadline('春节前', { year: 2027, holidays }).needsReview).toBe(true);
    expect(parseDeadline('春节前', { year: 2024 }).needsReview).toBe(true);
  });
});
