import { describe, expect, it } from 'vitest';
import {
  defaultPeriod,
  defaultRollupYear,
  pct,
  periodOptions,
  periodText,
  submissionStatusKey,
} from './rollup-model.ts';

describe('roll-up page model', () => {
  it('formats rates and periods', () => {
    expect(pct(null)).toBe('—');
    expect(pct(0.93456)).toBe('93.5%');
    expect(pct(1)).toBe('100.0%');
    expect(periodText('2025-Q2', 'zh-CN')).toBe('2025年第二季度');
    expect(periodText('2025-H2', 'zh-CN')).toBe('2025年下半年');
    expect(periodText('2025', 'zh-CN')).toBe('2025年度');
    expect(periodText('2025-06', 'zh-CN')).toBe('2025年6月');
    expect(periodText('2025-Q2', 'en')).toBe('2025-Q2');
    expect(periodOptions(2025)).toHaveLength(7);
  });

  it('opens on a year of the campaign and the current quarter', () => {
    expect(defaultRollupYear('2023-05-01')).toBe(2024);
    expect(defaultRollupYear('2025-05-01')).toBe(2025);
    expect(defaultRollupYear('2027-01-01')).toBe(2026);
    expect(defaultPeriod(2025, '2025-08-15')).toBe('2025-Q3');
    expect(defaultPeriod(2024, '2025-08-15')).toBe('2024-Q4');
    expect(submissionStatusKey(null)).toBe('rollup.status.none');
    expect(submissionStatusKey('returned')).toBe('rollup.status.returned');
  });
});
