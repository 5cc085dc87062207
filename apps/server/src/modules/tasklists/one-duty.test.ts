import { describe, expect, it } from 'vitest';
import { type DutyCandidate, oneDutyPerDepartment } from './one-duty.ts';

const c = (department_id: number, role: DutyCandidate['role'], via_group_id: number | null = null): DutyCandidate => ({
  department_id,
  role,
  via_group_id,
  reports: true,
});

describe('oneDutyPerDepartment', () => {
  it('keeps a lead department once when its group is named as co-operating', () => {
    // 应急管理部 (1) leads; 安委会各成员单位 (9) co-operates and has members 1, 2, 3.
    const out = oneDutyPerDepartment([
      c(1, 'lead'),
      { ...c(9, 'co'), reports: false },
      c(1, 'co', 9),
      c(2, 'co', 9),
      c(3, 'co', 9),
    ]);
    expect(out.map((d) => [d.department_id, d.role, d.via_group_id])).toEqual([
      [1, 'lead', null],
      [9, 'co', null],
      [2, 'co', 9],
      [3, 'co', 9],
    ]);
  });

  it('takes the group role when it is stronger, at the position the department first appeared', () => {
    const out = oneDutyPerDepartment([c(2, 'supervise'), c(1, 'co'), c(2, 'lead', 9)]);
    expect(out.map((d) => [d.department_id, d.role, d.via_group_id])).toEqual([
      [2, 'lead', 9],
      [1, 'co', null],
    ]);
  });

  it('prefers the direct naming on equal roles, and keeps distinct departments untouched', () => {
    expect(oneDutyPerDepartment([c(1, 'co', 9), c(1, 'co')])).toEqual([c(1, 'co')]);
    expect(oneDutyPerDepartment([c(1, 'lead'), c(2, 'co'), c(3, 'supervise')])).toHaveLength(3);
  });
});
