import { describe, expect, it } from 'vitest';
import { parseReportPeriod, resolveReportPeriod, statusDate } from './report-period.ts';

describe('report periods', () => {
  it.each([
    ['2024-03', 'month', '2024-03-01', '2024-03-31', '2024年3月'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29', '2024年2月'],
    ['2024-Q1', 'quarter', '2024-01-01', '2024-03-31', '2024年第一季度'],
    ['2024-q4', 'quarter', '2024-10-01', '2024-12-31', '2024年第四季度'],
    ['2024-H1', 'half', '2024-01-01', '2024-06-30', '2024年上半年'],
    ['2024-H2', 'half', '2024-07-01', '2024-12-31', '2024年下半年'],
    ['2024', 'year', '2024-01-01', '2024-12-31', '2024年度'],
    ['asof-2024-06-30', 'asOf', '2024-01-01', '2024-06-30', '截至2024年6月30日'],
    ['2024-06-30', 'asOf', '2024-01-01', '2024-06-30', '截至2024年6月30日'],
  ])('%s', (input, kind, start, end, label) => {
    expect(parseReportPeriod(input)).toMatchObject({ kind, start, end, label, year: 2024 });
  });

  it('refuses what it cannot read, in Chinese', () => {
    for (const bad of ['2024-13', '2024-Q5', '2024-H3', '24-Q1', '2024-02-30', '']) {
      expect(() => parseReportPeriod(bad)).toThrow(/统计期间/);
    }
  });

  it('takes exactly one of period and asOf, in the given year', () => {
    expect(resolveReportPeriod({ year: 2024, period: '2024-Q2' }).key).toBe('2024-Q2');
    expect(resolveReportPeriod({ asOf: '2024-06-30' }).key).toBe('asof-2024-06-30');
    expect(resolveReportPeriod({ year: 2024 }).key).toBe('2024');
    expect(() => resolveReportPeriod({ period: '2024-Q1', asOf: '2024-03-31' })).toThrow(/只能给出一个/);
    expect(() => resolveReportPeriod({ year: 2025, period: '2024-Q1' })).toThrow(/不在 2025 年内/);
    expect(() => resolveReportPeriod({})).toThrow(/请给出统计期间/);
  });

  it('reads statuses today, or on an as-of date that has passed', () => {
    expect(statusDate(parseReportPeriod('2024-Q1'), '2024-04-05')).toBe('2024-04-05');
    expect(statusDate(parseReportPeriod('asof-2024-03-31'), '2024-04-05')).toBe('2024-03-31');
    expect(statusDate(parseReportPeriod('asof-2024-12-31'), '2024-04-05')).toBe('2024-04-05');
  });
});
