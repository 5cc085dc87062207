import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClassRuleTable, classRuleIndex } from './class-rules.ts';
import { closureAlert, enforcementProblems } from './enforcement.ts';
import { generatePlan, planCapacity, spreadMonths } from './plan.ts';

const table = ClassRuleTable.parse(
  JSON.parse(
    readFileSync(new URL('../../../../apps/server/seed/inspection-classes/shanxi-2025.json', import.meta.url), 'utf8'),
  ),
);
const rules = classRuleIndex(table);

describe('class rule table (山西 2025 example)', () => {
  it('holds the published maxima', () => {
    expect(['coal-A', 'coal-B', 'coal-C', 'coal-D'].map((c) => rules.get(c)?.maxPerYear)).toEqual([2, 4, 6, 4]);
    expect(['hazchem-1', 'hazchem-2', 'hazchem-3', 'hazchem-none'].map((c) => rules.get(c)?.maxPerYear)).toEqual([
      2, 4, 8, 12,
    ]);
    expect(['general-1', 'general-2', 'general-3', 'general-none'].map((c) => rules.get(c)?.maxPerYear)).toEqual([
      1, 2, 4, 6,
    ]);
    expect(table.supervisionMaxPerYear).toBe(3);
  });
});

describe('generatePlan', () => {
  it('gives key enterprises their class maximum and general ones one visit while capacity lasts', () => {
    const enterprises = [
      { id: 1, departmentId: 7, classCode: 'hazchem-3', key: true },
      { id: 2, departmentId: 7, classCode: 'coal-C', key: true },
      { id: 3, departmentId: 8, classCode: 'general-1', key: false },
      { id: 4, departmentId: 8, classCode: 'general-none', key: false },
      { id: 5, departmentId: 8, classCode: 'general-2', key: false },
      { id: 6, departmentId: 8, classCode: 'nonsense', key: false },
    ];
    // capacity: 2 inspectors × 8 days × 1 visit per team-day / team of 2 = 8 … plus 8 = 16 needed for key ones
    const { items, summary } = generatePlan(enterprises, rules, {
      inspectorDays: [8, 8],
      visitsPerTeamDay: 2,
      teamSize: 2,
    });
    expect(summary.capacity).toBe(16);
    expect(items.map((i) => i.planned)).toEqual([8, 6, 0, 1, 1, 0]);
    expect(summary.keyVisits).toBe(14);
    expect(summary.plannedVisits).toBe(16);
    expect(summary.drawPool).toBe(2);
    expect(summary.overCapacity).toBe(false);
    expect(summary.unknownClasses).toEqual(['nonsense']);
    expect(items[0]?.months).toHaveLength(8);
  });

  it('flags a plan whose key visits exceed capacity, and never cuts key visits', () => {
    const { items, summary } = generatePlan(
      [{ id: 1, departmentId: null, classCode: 'hazchem-none', key: true }],
      rules,
      {
        inspectorDays: [2, 2],
        visitsPerTeamDay: 1,
        teamSize: 2,
      },
    );
    expect(items[0]?.planned).toBe(12);
    expect(summary.overCapacity).toBe(true);
  });

  it('spreads months over the year, ascending and within 1–12', () => {
    for (let planned = 1; planned <= 12; planned++) {
      for (let offset = 0; offset < 20; offset++) {
        const months = spreadMonths(planned, offset);
        expect(months).toHaveLength(planned);
        expect([...months].sort((a, b) => a - b)).toEqual(months);
        for (const m of months) expect(m >= 1 && m <= 12).toBe(true);
      }
    }
    expect(spreadMonths(12, 5)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(planCapacity({ inspectorDays: [200, 100], visitsPerTeamDay: 1, teamSize: 2 })).toBe(150);
  });
});

describe('enforcement rules', () => {
  it('closure alert: 3 penalties in 180 days or 4 in a year', () => {
    expect(closureAlert(['2025-01-01', '2025-03-01'])).toBeNull();
    expect(closureAlert(['2025-01-01', '2025-03-01', '2025-06-29'])).toEqual({
      rule: '3-in-180-days',
      from: '2025-01-01',
      to: '2025-06-29',
    });
    // 2025-01-01 + 180 days = 2025-06-30 is the 181st day: outside.
    expect(closureAlert(['2025-01-01', '2025-03-01', '2025-06-30'])).toBeNull();
    expect(closureAlert(['2025-01-01', '2025-05-01', '2025-09-01', '2025-12-31'])).toEqual({
      rule: '4-in-a-year',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(closureAlert(['2025-01-01', '2025-05-01', '2025-09-01', '2026-01-01'])).toBeNull();
  });

  it('a fine needs an amount, a zero penalty a reason, a penalty its decision number and basis', () => {
    const base = {
      amountYuan: null,
      days: null,
      zeroPenaltyReason: null,
      zeroPenaltyText: null,
      decisionNo: 'X',
      legalBasis: 'Y',
    };
    expect(enforcementProblems({ ...base, kind: 'fine' }).map((p) => p.path)).toEqual(['amountYuan']);
    expect(enforcementProblems({ ...base, kind: 'fine', amountYuan: 5000 })).toEqual([]);
    expect(enforcementProblems({ ...base, kind: 'zero_penalty' }).map((p) => p.path)).toEqual(['zeroPenaltyReason']);
    expect(
      enforcementProblems({ ...base, kind: 'zero_penalty', zeroPenaltyReason: 'other' }).map((p) => p.path),
    ).toEqual(['zeroPenaltyText']);
    expect(enforcementProblems({ ...base, kind: 'warning', decisionNo: null }).map((p) => p.path)).toEqual([
      'decisionNo',
    ]);
  });
});
