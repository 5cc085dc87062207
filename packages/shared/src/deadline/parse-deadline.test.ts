/** parseDeadline on realistic variants: dates, ranges, milestones, recurring duties, conditions, other years. */
import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './expand-occurrences.ts';
import { parseDeadline } from './parse-deadline.ts';
import { brief, every, ONGOING, once, type RuleWithoutSource, withoutSource, YEAR_2024 } from './test-helpers.ts';

/** [text, list year, expected rules]: all fully read (needsReview false). */
const READ: [string, number, RuleWithoutSource[]][] = [
  // one-off dates
  ['2月底', 2024, [once('2024-02-29')]],
  ['2月底', 2025, [once('2025-02-28')]],
  ['2025年2月底前', 2024, [once('2025-02-28')]],
  ['2月29日前', 2024, [once('2024-02-29')]],
  ['3月上旬', 2024, [once('2024-03-10')]],
  ['3月中旬前', 2024, [once('2024-03-20')]],
  ['3月下旬', 2024, [once('2024-03-31')]],
  ['2月下旬', 2024, [once('2024-02-29')]],
  ['6月份', 2024, [once('2024-06-30')]],
  ['6月末', 2024, [once('2024-06-30')]],
  ['十月一日前', 2024, [once('2024-10-01')]],
  ['6.30前', 2024, [once('2024-06-30')]],
  ['2024.6.30', 2024, [once('2024-06-30')]],
  ['2024年12月31日', 2024, [once('2024-12-31')]],
  ['截至2024年底', 2024, [once('2024-12-31')]],
  ['年底前完成', 2024, [once('2024-12-31')]],
  ['年内完成', 2024, [once('2024-12-31')]],
  ['今年6月底前', 2024, [once('2024-06-30')]],
  ['本年度', 2024, [once('2024-12-31')]],
  ['上半年', 2024, [once('2024-06-30')]],
  ['下半年', 2024, [once('2024-12-31')]],
  ['第三季度', 2024, [once('2024-09-30')]],
  ['一季度末', 2024, [once('2024-03-31')]],
  // other years
  ['2025年6月底前', 2024, [once('2025-06-30')]],
  ['2026年底前', 2024, [once('2026-12-31')]],
  ['明年底前', 2024, [once('2025-12-31')]],
  ['二〇二五年三月底前', 2024, [once('2025-03-31')]],
  ['２０２５年６月底前', 2024, [once('2025-06-30')]],
  // ranges: one occurrence from A's start to B's end
  ['3月至6月', 2024, [once('2024-06-30', '2024-03-01')]],
  ['2024年3月-5月底', 2024, [once('2024-05-31', '2024-03-01')]],
  ['2024年3月—5月底', 2024, [once('2024-05-31', '2024-03-01')]],
  ['3到6月', 2024, [once('2024-06-30', '2024-03-01')]],
  ['3-6月', 2024, [once('2024-06-30', '2024-03-01')]],
  ['3月中旬至4月底', 2024, [once('2024-04-30', '2024-03-11')]],
  ['11月至次年3月', 2024, [once('2025-03-31', '2024-11-01')]],
  ['2024年至2026年', 2024, [once('2026-12-31', '2024-01-01')]],
  ['2024-2026年', 2024, [once('2026-12-31', '2024-01-01')]],
  // several milestones
  ['4月底前完成方案,5.12期间完成演练', 2024, [once('2024-04-30'), once('2024-05-12')]],
  ['6月底前完成，12月底前完成复查', 2024, [once('2024-06-30'), once('2024-12-31')]],
  ['2025年3月底前完成方案，6月底前完成验收', 2024, [once('2025-03-31'), once('2025-06-30')]],
  ['2025年3月底前完成方案及6月底前完成验收', 2024, [once('2025-03-31'), once('2025-06-30')]],
  ['3月、6月、9月底前', 2024, [once('2024-03-31'), once('2024-06-30'), once('2024-09-30')]],
  ['2024年底前，2025年6月底前', 2024, [once('2024-12-31'), once('2025-06-30')]],
  // recurring
  ['每月25日前', 2024, [every('monthly', { dueDay: 25 })]],
  ['每月10日内', 2024, [every('monthly', { dueDay: 10 })]],
  ['每月上旬', 2024, [every('monthly', { dueDay: 10 })]],
  ['每月月底前', 2024, [every('monthly')]],
  ['每周五前', 2024, [every('weekly', { dueDay: 5 })]],
  ['每周日前', 2024, [every('weekly', { dueDay: 7 })]],
  ['每周一次', 2024, [every('weekly')]],
  ['每季度末前', 2024, [every('quarterly')]],
  ['每季', 2024, [every('quarterly')]],
  ['每年两次', 2024, [every('halfyearly')]],
  ['每年12月31日前', 2024, [every('yearly', { dueMonth: 12, dueDay: 31 })]],
  ['每年第二季度', 2024, [every('yearly', { dueMonth: 6 })]],
  ['每年年底前', 2024, [every('yearly')]],
  ['每年至少研究解决10项', 2024, [every('yearly')]],
  ['每年至少2次', 2024, [every('yearly', { minCount: 2 })]],
  ['每季度，至少2次', 2024, [every('quarterly', { minCount: 2 })]],
  ['每月定期检查', 2024, [every('monthly')]],
  ['每月至少一次；每季度至少一次。', 2024, [every('monthly'), every('quarterly')]],
  ['長期堅持，每季度至少組織一次', 2024, [ONGOING, every('quarterly')]],
  ['每週至少檢查一次，長期堅持', 2024, [every('weekly'), ONGOING]],
  ['2024年底前完成製定，長期堅持', 2024, [once('2024-12-31'), ONGOING]],
  ['2024年底前完成并长期坚持', 2024, [once('2024-12-31'), ONGOING]],
  // parenthesised conditions
  [
    '每年分別至少集中開展1次（高危行業領域每半年至少1次）',
    2024,
    [every('yearly'), every('halfyearly', { condition: '高危行业领域' })],
  ],
  [
    '每月至少2次（重点企业每周1次）',
    2024,
    [every('monthly', { minCount: 2 }), every('weekly', { condition: '重点企业' })],
  ],
  ['每季度至少1次(其中高危企业每月至少1次)', 2024, [every('quarterly'), every('monthly', { condition: '高危企业' })]],
  ['每年至少1次（长期坚持）', 2024, [every('yearly'), ONGOING]],
];

describe('parseDeadline: phrases it reads', () => {
  it.each(READ)('%s (list year %i)', (text, year, rules) => {
    const parsed = parseDeadline(text, { year });
    expect(withoutSource(parsed.rules)).toEqual(rules);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.needsReview).toBe(false);
  });
});

describe('parseDeadline: sources and occurrences', () => {
  it('keeps the original (traditional) clause as the source, the condition simplified', () => {
    const parsed = parseDeadline('每年分別至少集中開展1次（高危行業領域每半年至少1次）', { year: 2024 });
    expect(parsed.rules.map((r) => r.source)).toEqual(['每年分別至少集中開展1次', '高危行業領域每半年至少1次']);
  });

  it('gives every rule of a multi-clause phrase its own clause', () => {
    const parsed = parseDeadline('4月底前完成方案,5.12期间完成演练', { year: 2024 });
    expect(parsed.rules.map((r) => r.source)).toEqual(['4月底前完成方案', '5.12期间完成演练']);
    expect(expandOccurrences(parsed.rules, YEAR_2024).map(brief)).toEqual([
      '0 2024-04-30 2024-01-01..2024-04-30',
      '1 2024-05-12 2024-01-01..2024-05-12',
    ]);
  });

  it('expands a range as one occurrence, and a later-year milestone outside the 2024 window to nothing', () => {
    const range = parseDeadline('3月至6月', { year: 2024 });
    expect(expandOccurrences(range.rules, YEAR_2024).map(brief)).toEqual(['0 2024-06-30 2024-03-01..2024-06-30']);
    expect(expandOccurrences(parseDeadline('2025年6月底前', { year: 2024 }).rules, YEAR_2024)).toEqual([]);
  });

  it('expands 每周五前 to Fridays, not Sundays', () => {
    const occ = expandOccurrences(parseDeadline('每周五前', { year: 2024 }).rules, YEAR_2024);
    expect(occ.slice(0, 2).map(brief)).toEqual([
      '0 2024-W01 2024-01-01..2024-01-05',
      '0 2024-W02 2024-01-08..2024-01-12',
    ]);
    expect(occ).toHaveLength(52);
  });

  it('expands 每月25日前 to the 25th and a condition to its own occurrences', () => {
    const monthly = expandOccurrences(parseDeadline('每月25日前', { year: 2024 }).rules, YEAR_2024);
    expect(monthly.map((o) => o.due)).toContain('2024-02-25');
    const cond = expandOccurrences(parseDeadline('每月至少2次（重点企业每周1次）', { year: 2024 }).rules, YEAR_2024);
    expect(cond.filter((o) => o.condition === '重点企业')).toHaveLength(52);
    expect(cond.filter((o) => o.condition === null).every((o) => o.minCount === 2)).toBe(true);
  });
});
