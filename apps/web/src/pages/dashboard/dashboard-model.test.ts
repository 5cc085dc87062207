import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../api/contracts.ts';
import { drillPath, heatmapFrom, percent } from './dashboard-model.ts';

const counts = { pending: 0, 'due-soon': 0, submitted: 0, accepted: 0, returned: 0, overdue: 0, 'done-late': 0 };
const figure = (total: number, dueByAsOf: number, done: number, overdue = 0) => ({
  counts: { ...counts, accepted: done, overdue },
  total,
  dueByAsOf,
  completionRate: dueByAsOf === 0 ? null : Math.round((done / dueByAsOf) * 10_000) / 10_000,
  onTimeRate: done === 0 ? null : 1,
});

function dashboard(byDepartmentMonth: Dashboard['byDepartmentMonth']): Dashboard {
  return {
    taskList: { id: 1, year: 2024, title: '2024' },
    asOf: '2024-06-30',
    dueSoonUntil: '2024-07-07',
    totals: figure(0, 0, 0),
    byCategory: [],
    byDepartment: [
      { ...figure(0, 0, 0), departmentId: 7, name: '应急管理部' },
      { ...figure(0, 0, 0), departmentId: 3, name: '党群工作部' },
    ],
    byMonth: [],
    byDepartmentMonth,
    overdue: { total: 0, limit: 200, items: [] },
  };
}

describe('heatmapFrom', () => {
  it('lays the list year out in twelve months, departments by id, names from byDepartment', () => {
    const map = heatmapFrom(
      dashboard([
        { ...figure(3, 3, 2, 1), departmentId: 7, month: '2024-03' },
        { ...figure(1, 0, 0), departmentId: 3, month: '2024-12' },
        { ...figure(2, 2, 2), departmentId: 9, month: '2025-01' }, // outside the year: left out
        { ...figure(0, 0, 0), departmentId: 5, month: '2024-05' }, // nothing in it: left out
      ]),
    );
    expect(map.months).toHaveLength(12);
    expect(map.months[0]).toBe('2024-01');
    expect(map.months[11]).toBe('2024-12');
    expect(map.departments).toEqual([
      { id: 3, name: '党群工作部' },
      { id: 7, name: '应急管理部' },
    ]);
    expect(map.cells).toEqual([
      { departmentId: 7, month: '2024-03', total: 3, due: 3, done: 2, overdue: 1, rate: 0.6667 },
      { departmentId: 3, month: '2024-12', total: 1, due: 0, done: 0, overdue: 0, rate: null },
    ]);
  });

  it('gets the exact done count back from the rounded rate, even for large cells', () => {
    for (const [due, done] of [
      [7, 3],
      [999, 1],
      [4321, 4320],
    ] as const) {
      const map = heatmapFrom(dashboard([{ ...figure(due, due, done), departmentId: 7, month: '2024-01' }]));
      expect(map.cells[0]?.done).toBe(done);
    }
  });
});

describe('percent and drillPath', () => {
  it('prints rates to one decimal and a dash for none', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0.6667)).toBe('66.7%');
    expect(percent(1)).toBe('100%');
  });

  it('drills into the task table with only the filters given', () => {
    expect(drillPath(2024, {})).toBe('/tasks?year=2024');
    expect(drillPath(2024, { category: null, department: 7, status: 'overdue', month: '2024-03' }, '2024-06-30')).toBe(
      '/tasks?year=2024&asOf=2024-06-30&department=7&status=overdue&month=2024-03',
    );
    expect(drillPath(2024, { category: 0 })).toBe('/tasks?year=2024&category=0');
  });
});
