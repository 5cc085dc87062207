import { describe, expect, it } from 'vitest';
import { normaliseReceiptCode } from './receipt-code.ts';
import { computeReward, DEFAULT_REWARD_TARIFF } from './reward-tariff.ts';
import { DEFAULT_WHISTLE_POLICY, deadlineStepsDue, feedbackDue, handlingDue } from './whistle-policy.ts';

describe('reward tariff (2018 rules)', () => {
  it('pays 15% of the fine within 3,000 … 300,000 元', () => {
    expect(computeReward({ basis: 'fine', fineYuan: 100000 })).toBe(15000);
    expect(computeReward({ basis: 'fine', fineYuan: 10000 })).toBe(3000);
    expect(computeReward({ basis: 'fine', fineYuan: 0 })).toBe(3000);
    expect(computeReward({ basis: 'fine', fineYuan: 5000000 })).toBe(300000);
    expect(computeReward({ basis: 'fine', fineYuan: 2000000 })).toBe(300000);
    expect(computeReward({ basis: 'fine', fineYuan: 1999999 })).toBe(300000);
    expect(computeReward({ basis: 'fine', fineYuan: 1000000 })).toBe(150000);
  });
  it('pays per concealed death by grade, capped', () => {
    expect(computeReward({ basis: 'concealed_accident', deaths: 1, grade: 'general' })).toBe(30000);
    expect(computeReward({ basis: 'concealed_accident', deaths: 2, grade: 'larger' })).toBe(80000);
    expect(computeReward({ basis: 'concealed_accident', deaths: 3, grade: 'major' })).toBe(150000);
    expect(computeReward({ basis: 'concealed_accident', deaths: 6, grade: 'especially_major' })).toBe(300000);
    expect(() => computeReward({ basis: 'concealed_accident', deaths: 0, grade: 'general' })).toThrow();
  });
  it('follows a configured tariff', () => {
    const t = { ...DEFAULT_REWARD_TARIFF, finePercent: 10, fineMinYuan: 1000 };
    expect(computeReward({ basis: 'fine', fineYuan: 5000 }, t)).toBe(1000);
    expect(computeReward({ basis: 'fine', fineYuan: 50000 }, t)).toBe(5000);
  });
});

describe('time limits', () => {
  it('60 days plus approved extension, feedback 10 days after the conclusion', () => {
    expect(handlingDue('2026-01-01', 0, DEFAULT_WHISTLE_POLICY)).toBe('2026-03-02');
    expect(handlingDue('2026-01-01', 30, DEFAULT_WHISTLE_POLICY)).toBe('2026-04-01');
    expect(feedbackDue('2026-02-25', DEFAULT_WHISTLE_POLICY)).toBe('2026-03-07');
  });
  it('reminds 7 days before and escalates after the limit', () => {
    expect(deadlineStepsDue('2026-03-02', '2026-02-22', DEFAULT_WHISTLE_POLICY)).toEqual([]);
    expect(deadlineStepsDue('2026-03-02', '2026-02-23', DEFAULT_WHISTLE_POLICY)).toEqual(['remind']);
    expect(deadlineStepsDue('2026-03-02', '2026-03-03', DEFAULT_WHISTLE_POLICY)).toEqual(['remind', 'overdue']);
  });
});

describe('receipt codes', () => {
  it('reads codes leniently and refuses look-alikes', () => {
    expect(normaliseReceiptCode('acde fghj kM')).toBe('ACDE-FGHJ-KM');
    expect(normaliseReceiptCode('ACDE-FGHJ-KM')).toBe('ACDE-FGHJ-KM');
    expect(normaliseReceiptCode('ACDE-FGHJ-K0')).toBeNull();
    expect(normaliseReceiptCode('ACDE-FGHJ-K')).toBeNull();
  });
});
