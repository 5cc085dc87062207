import type { DashboardResponse, StatusFigure } from '@duban/shared/contracts/dashboard';
import { describe, expect, it } from 'vitest';
import { parseReportPeriod } from '../report-period.ts';
import { bulletinFigures, isIssuerOrAbove } from './bulletin-figures.ts';
import { generateSections } from './bulletin-text.ts';

const figure = (c: Partial<StatusFigure['counts']>, total: number): StatusFigure => {
  const counts = {
    pending: 0,
    'due-soon': 0,
    submitted: 0,
    accepted: 0,
    returned: 0,
    overdue: 0,
    'done-late': 0,
    ...c,
  };
  const due = counts.accepted + counts['done-late'] + counts.overdue + counts.submitted + counts.returned;
  const done = counts.accepted + counts['done-late'];
  return {
    counts,
    total,
    dueByAsOf: due,
    completionRate: due === 0 ? null : done / due,
    onTimeRate: done === 0 ? null : counts.accepted / done,
  };
};

const dashboard = {
  asOf: '2024-06-30',
  totals: figure({ accepted: 6, overdue: 3, submitted: 1 }, 14),
  byDepartment: [
    { ...figure({ accepted: 2, overdue: 2 }, 4), departmentId: 1, name: '开发区安委办' },
    { ...figure({ accepted: 4, overdue: 1, submitted: 1 }, 6), departmentId: 2, name: '应急管理部' },
    { ...figure({}, 4), departmentId: 3, name: '经济发展部' },
  ],
  overdue: { total: 3, limit: 200, items: [] },
} as unknown as DashboardResponse;

describe('bulletin figures (issue 13 item 8)', () => {
  it('never ranks or criticises the issuer and its committee, and leaves out units with nothing due', () => {
    expect(isIssuerOrAbove({ name: '开发区安委办', kind: 'department' })).toBe(true);
    expect(isIssuerOrAbove({ name: '开发区安委会', kind: 'committee' })).toBe(true);
    expect(isIssuerOrAbove({ name: '应急管理部', kind: 'department' })).toBe(false);
    const f = bulletinFigures(dashboard, 5, new Set([1]));
    expect(f.departments.map((d) => [d.name, d.rank])).toEqual([['应急管理部', 1]]);
    const s = generateSections(f, parseReportPeriod('2024-H1'));
    expect(s.criticism).not.toContain('安委办（逾期');
    expect(s.criticism).toContain('应急管理部');
  });

  it('states figures that add up, as of the period end', () => {
    const s = generateSections(bulletinFigures(dashboard, 5), parseReportPeriod('2024-H1'));
    // 应完成 10 = 已完成 6 + 逾期 3 + 待审核/退回 1; 4 not yet due.
    expect(s.summary).toContain('应完成10个：已完成6个，逾期未完成3个');
    expect(s.summary).toContain('已报送待审核或退回修改1个');
    expect(s.summary).toContain('另有4个尚未到完成时限');
    expect(s.summary).not.toContain('节点');
  });
});
