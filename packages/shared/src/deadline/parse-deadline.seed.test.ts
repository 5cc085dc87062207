/**
 * Every distinct 完成时限 of the real seed list (apps/server/seed/xinzhou-2024-tasklist.txt) has an explicit
 * expected result here, so a new phrase in the seed cannot slip through untested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './expand-occurrences.ts';
import { parseDeadline } from './parse-deadline.ts';
import {
  brief,
  every,
  half2024,
  months2024,
  ONGOING,
  once,
  quarter2024,
  type RuleWithoutSource,
  withoutSource,
  YEAR_2024,
} from './test-helpers.ts';

const SEED = new URL('../../../../apps/server/seed/xinzhou-2024-tasklist.txt', import.meta.url);

function seedDeadlines(): string[] {
  const values = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((cols) => /^\d+$/.test((cols[1] ?? '').trim()))
    .map((cols) => (cols[4] ?? '').trim());
  return [...new Set(values)];
}

interface Expected {
  rules: RuleWithoutSource[];
  sources: string[];
  occurrences: string[];
}

const M = months2024;
const Q = quarter2024;

const EXPECTED: Record<string, Expected> = {
  长期坚持: { rules: [ONGOING], sources: ['长期坚持'], occurrences: [] },
  '2024年底前': {
    rules: [once('2024-12-31')],
    sources: ['2024年底前'],
    occurrences: ['0 2024-12-31 2024-01-01..2024-12-31'],
  },
  '2024年底前完成': {
    rules: [once('2024-12-31')],
    sources: ['2024年底前完成'],
    occurrences: ['0 2024-12-31 2024-01-01..2024-12-31'],
  },
  '2024年6月底前': {
    rules: [once('2024-06-30')],
    sources: ['2024年6月底前'],
    occurrences: ['0 2024-06-30 2024-01-01..2024-06-30'],
  },
  '2024年12月底': {
    rules: [once('2024-12-31')],
    sources: ['2024年12月底'],
    occurrences: ['0 2024-12-31 2024-01-01..2024-12-31'],
  },
  '2024年': { rules: [once('2024-12-31')], sources: ['2024年'], occurrences: ['0 2024-12-31 2024-01-01..2024-12-31'] },
  '2024年底前完成制定，长期坚持': {
    rules: [once('2024-12-31'), ONGOING],
    sources: ['2024年底前完成制定', '长期坚持'],
    occurrences: ['0 2024-12-31 2024-01-01..2024-12-31'],
  },
  每年4月底前完成: {
    rules: [every('yearly', { dueMonth: 4 })],
    sources: ['每年4月底前完成'],
    occurrences: ['0 2024 2024-01-01..2024-04-30'],
  },
  每年6月底前完成: {
    rules: [every('yearly', { dueMonth: 6 })],
    sources: ['每年6月底前完成'],
    occurrences: ['0 2024 2024-01-01..2024-06-30'],
  },
  每年3月底前完成: {
    rules: [every('yearly', { dueMonth: 3 })],
    sources: ['每年3月底前完成'],
    occurrences: ['0 2024 2024-01-01..2024-03-31'],
  },
  '每年4月底前，长期坚持': {
    rules: [every('yearly', { dueMonth: 4 }), ONGOING],
    sources: ['每年4月底前', '长期坚持'],
    occurrences: ['0 2024 2024-01-01..2024-04-30'],
  },
  每年底前完成: { rules: [every('yearly')], sources: ['每年底前完成'], occurrences: ['0 2024 2024-01-01..2024-12-31'] },
  '每年至少组织一次，长期坚持': {
    rules: [every('yearly'), ONGOING],
    sources: ['每年至少组织一次', '长期坚持'],
    occurrences: ['0 2024 2024-01-01..2024-12-31'],
  },
  '每季度至少一次，长期坚持': {
    rules: [every('quarterly'), ONGOING],
    sources: ['每季度至少一次', '长期坚持'],
    occurrences: [Q(0, 1), Q(0, 2), Q(0, 3), Q(0, 4)],
  },
  '每月至少召开一次，长期坚持': {
    rules: [every('monthly'), ONGOING],
    sources: ['每月至少召开一次', '长期坚持'],
    occurrences: M(0),
  },
  '每月至少一次，长期坚持': {
    rules: [every('monthly'), ONGOING],
    sources: ['每月至少一次', '长期坚持'],
    occurrences: M(0),
  },
  '每月至少检查一次，每半年至少组织一次，长期坚持': {
    rules: [every('monthly'), every('halfyearly'), ONGOING],
    sources: ['每月至少检查一次', '每半年至少组织一次', '长期坚持'],
    occurrences: [...M(0).slice(0, 6), half2024(1, 1), ...M(0).slice(6), half2024(1, 2)],
  },
  '每季度至少组织研究一次，每月要至少一次深入基层调研，长期坚持': {
    rules: [every('quarterly'), every('monthly'), ONGOING],
    sources: ['每季度至少组织研究一次', '每月要至少一次深入基层调研', '长期坚持'],
    // Sorted by due date, then rule index: the quarter (rule 0) before March's monthly report (rule 1).
    occurrences: [
      ...M(1).slice(0, 2),
      Q(0, 1),
      ...M(1).slice(2, 5),
      Q(0, 2),
      ...M(1).slice(5, 8),
      Q(0, 3),
      ...M(1).slice(8, 11),
      Q(0, 4),
      ...M(1).slice(11),
    ],
  },
  '每年分别至少集中开展1次（高危行业领域每半年至少1次）': {
    rules: [every('yearly'), every('halfyearly', { condition: '高危行业领域' })],
    sources: ['每年分别至少集中开展1次', '高危行业领域每半年至少1次'],
    occurrences: [
      half2024(1, 1, ' [高危行业领域]'),
      '0 2024 2024-01-01..2024-12-31',
      half2024(1, 2, ' [高危行业领域]'),
    ],
  },
};

describe('parseDeadline on the seed task list', () => {
  const deadlines = seedDeadlines();

  it('finds the seed deadlines, and every one has an expected result', () => {
    expect(deadlines.length).toBeGreaterThanOrEqual(19);
    expect(deadlines.filter((d) => !(d in EXPECTED))).toEqual([]);
  });

  it.each(deadlines)('%s', (text) => {
    const expected = EXPECTED[text];
    if (!expected) throw new Error(`no expected result for seed deadline ${text}`);
    const parsed = parseDeadline(text, { year: 2024 });
    expect(withoutSource(parsed.rules)).toEqual(expected.rules);
    expect(parsed.rules.map((r) => r.source)).toEqual(expected.sources);
    expect(parsed.needsReview).toBe(false);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.ongoing).toBe(expected.rules.some((r) => r.kind === 'ongoing'));
    expect(parsed.text).toBe(text);
    expect(expandOccurrences(parsed.rules, YEAR_2024).map(brief)).toEqual(expected.occurrences);
  });
});
