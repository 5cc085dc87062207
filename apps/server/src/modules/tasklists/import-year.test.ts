import { describe, expect, it } from 'vitest';
import { decideListYear, yearOfDeadlines, yearOfTitle } from './import-year.ts';

describe('the list year', () => {
  it('reads the title, a span giving its first year', () => {
    expect(yearOfTitle('某区2025年安全生产任务清单')).toBe(2025);
    expect(yearOfTitle('安全生产治本攻坚三年行动任务清单（2024—2026年）')).toBe(2024);
    expect(yearOfTitle('安全生产任务清单')).toBeUndefined();
  });

  it('takes the year most deadlines name, a tie to the earlier one', () => {
    expect(yearOfDeadlines(['2024年底前', '2024年6月底前', '2025年底前', '长期坚持'])).toBe(2024);
    expect(yearOfDeadlines(['2025年底前', '2024.6.30'])).toBe(2024);
    expect(yearOfDeadlines(['每月25日前'])).toBeUndefined();
  });

  it('prefers the option, then the title, then the deadlines, and says where it came from', () => {
    expect(decideListYear({ option: 2024, title: null, deadlines: [] })).toEqual({
      year: 2024,
      yearSource: 'option',
      warnings: [],
    });
    expect(decideListYear({ option: undefined, title: '2025年清单', deadlines: ['2024年底前'] })).toMatchObject({
      year: 2025,
      yearSource: 'title',
    });
    const fromDeadlines = decideListYear({ option: undefined, title: '清单', deadlines: ['2024年底前'] });
    expect(fromDeadlines).toMatchObject({ year: 2024, yearSource: 'deadlines' });
    expect(fromDeadlines.warnings).toHaveLength(1);
    expect(decideListYear({ option: undefined, title: null, deadlines: ['长期坚持'] }).year).toBeUndefined();
  });

  it('warns when the title or the deadlines disagree with the year given', () => {
    const title = decideListYear({ option: 2025, title: '2024年清单', deadlines: [] });
    expect(title.warnings.join('')).toContain('标题中的年份 2024');
    const deadlines = decideListYear({ option: 2025, title: '清单', deadlines: ['2024年底前', '2024年6月底前'] });
    expect(deadlines.warnings.join('')).toContain('完成时限中最常出现的年份 2024');
    expect(decideListYear({ option: 2024, title: '2024年清单', deadlines: ['2024年底前'] }).warnings).toEqual([]);
  });
});
