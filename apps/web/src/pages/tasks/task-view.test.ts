import { describe, expect, it } from 'vitest';
import type { ListTasksResponse, Occurrence } from '../../api/contracts.ts';
import {
  activeFilterCount,
  countTasks,
  departmentsOf,
  filtersFromParams,
  filterTasks,
  needsOccurrences,
  progressFromOccurrences,
  type TaskFilters,
} from './task-view.ts';

type Task = ListTasksResponse['categories'][number]['tasks'][number];

const task = (id: number, text: string, departments: [number, string][], statusCounts: Task['statusCounts']): Task =>
  ({
    id,
    no: String(id),
    text,
    deadline: '每季度',
    deadlineOverride: null,
    deadlineNeedsReview: false,
    ongoing: false,
    departments: departments.map(([did, name]) => ({ id: did, name, role: 'lead', viaGroup: null })),
    status: null,
    statusCounts,
    nextDue: null,
  }) as unknown as Task;

const table = {
  taskList: { id: 1, year: 2024, title: '2024' },
  asOf: '2024-04-15',
  categories: [
    {
      id: 10,
      seq: 1,
      title: '（一）',
      tasks: [
        task(1, '开展专题学习', [[3, '党群工作部']], { overdue: 1, pending: 1 }),
        task(
          2,
          '组织检查',
          [
            [7, '应急管理部'],
            [3, '党群工作部'],
          ],
          { accepted: 2 },
        ),
      ],
    },
    { id: 11, seq: 2, title: '（二）', tasks: [task(3, '开展演练', [[7, '应急管理部']], { 'done-late': 1 })] },
  ],
} as ListTasksResponse;

const none: TaskFilters = { categoryId: null, departmentId: null, status: null, month: null, query: '' };

describe('task table view', () => {
  it('counts tasks and lists departments in first-seen order', () => {
    expect(countTasks(table)).toBe(3);
    expect(departmentsOf(table)).toEqual([
      { id: 3, name: '党群工作部' },
      { id: 7, name: '应急管理部' },
    ]);
  });

  it('filters by category, department, status (done = accepted or late) and text, merging category cells', () => {
    const all = filterTasks(table, none, null);
    expect(all.map((r) => [r.key, r.categorySpan])).toEqual([
      [1, 2],
      [2, 0],
      [3, 1],
    ]);
    expect(filterTasks(table, { ...none, status: 'done' }, null).map((r) => r.key)).toEqual([2, 3]);
    expect(filterTasks(table, { ...none, status: 'overdue' }, null).map((r) => r.key)).toEqual([1]);
    expect(filterTasks(table, { ...none, categoryId: 11 }, null).map((r) => r.key)).toEqual([3]);
    expect(filterTasks(table, { ...none, query: '检查' }, null).map((r) => r.key)).toEqual([2]);
    expect(filterTasks(table, { ...none, query: '3' }, null).map((r) => r.key)).toEqual([3]);
  });

  it('needs the occurrences for a month or a department filter, and then uses their statuses', () => {
    expect(needsOccurrences(none)).toBe(false);
    expect(needsOccurrences({ ...none, month: '2024-03' })).toBe(true);
    const occ = (id: number, taskId: number, departmentId: number, due: string, reportState: string) =>
      ({
        id,
        task: { id: taskId },
        department: { id: departmentId },
        dueDate: due,
        originalDueDate: due,
        extendedDue: null,
        acceptedAt: reportState === 'accepted' ? due : null,
        reportState,
        windowStart: `${due.slice(0, 7)}-01`,
      }) as unknown as Occurrence;
    const occurrences = [
      occ(1, 1, 3, '2024-03-31', 'none'), // overdue on 2024-04-15
      occ(2, 2, 7, '2024-03-31', 'accepted'),
      occ(3, 2, 3, '2024-06-30', 'none'), // pending, not started
    ];
    const progress = progressFromOccurrences(occurrences, '2024-04-15', { departmentId: 3, month: null });
    expect(progress.get(1)).toEqual({ status: 'overdue', counts: { overdue: 1 } });
    expect(progress.get(2)).toEqual({ status: 'pending', counts: { pending: 1 } });
    const march = progressFromOccurrences(occurrences, '2024-04-15', { departmentId: null, month: '2024-03' });
    const rows = filterTasks(table, { ...none, month: '2024-03' }, march);
    expect(rows.map((r) => [r.key, r.progress?.status])).toEqual([
      [1, 'overdue'],
      [2, 'accepted'],
    ]);
  });
});

describe('filters in the URL', () => {
  it('reads what it understands and ignores the rest', () => {
    const f = filtersFromParams(new URLSearchParams('category=10&department=x&status=done&month=2024-3&q=检查'));
    expect(f).toEqual({ categoryId: 10, departmentId: null, status: 'done', month: null, query: '检查' });
    expect(activeFilterCount(f)).toBe(3);
    expect(filtersFromParams(new URLSearchParams('status=nope&month=2024-03')).status).toBeNull();
    expect(activeFilterCount(filtersFromParams(new URLSearchParams('year=2024&asOf=2024-01-01')))).toBe(0);
  });
});
