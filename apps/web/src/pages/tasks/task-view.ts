import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import type { ListTasksResponse, Task, TaskCategory } from '../../api/contracts.ts';
import type { Light } from '../../components/StatusLight.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

/**
 * The 工作进展 column until progress reports land: the next due occurrence and how close it is.
 * (With the progress API the status becomes the lead department's occurrence status and its traffic light.)
 */
export type TaskStatus = 'due-soon' | 'on-track' | 'no-due' | 'needs-review';
export const TASK_STATUSES: readonly TaskStatus[] = ['due-soon', 'on-track', 'no-due', 'needs-review'];

export const STATUS_LABEL: Record<TaskStatus, MessageKey> = {
  'due-soon': 'status.dueSoon',
  'on-track': 'status.onTrack',
  'no-due': 'status.noDue',
  'needs-review': 'status.needsReview',
};

export function taskStatus(task: Task, asOf: string): TaskStatus {
  if (task.nextDue) return task.nextDue.due <= addDays(asOf, DUE_SOON_DAYS) ? 'due-soon' : 'on-track';
  return task.deadlineNeedsReview ? 'needs-review' : 'no-due';
}

export function statusLight(status: TaskStatus): Light {
  if (status === 'due-soon' || status === 'needs-review') return 'yellow';
  if (status === 'on-track') return 'green';
  return 'grey';
}

export interface TaskFilters {
  categoryId: number | null;
  departmentId: number | null;
  status: TaskStatus | null;
  query: string;
}

export interface TaskRow {
  key: number;
  task: Task;
  category: Pick<TaskCategory, 'id' | 'seq' | 'title'>;
  /** rowSpan of the merged 主要内容 cell: the group's size on its first row, 0 on the others. */
  categorySpan: number;
  status: TaskStatus;
}

export function filterTasks(table: ListTasksResponse, filters: TaskFilters): TaskRow[] {
  const query = filters.query.trim();
  const rows: TaskRow[] = [];
  for (const category of table.categories) {
    if (filters.categoryId !== null && category.id !== filters.categoryId) continue;
    const group = category.tasks
      .map((task) => ({ task, status: taskStatus(task, table.asOf) }))
      .filter(({ task, status }) => {
        if (filters.departmentId !== null && !task.departments.some((d) => d.id === filters.departmentId)) return false;
        if (filters.status !== null && status !== filters.status) return false;
        if (query && !task.text.includes(query) && task.no !== query) return false;
        return true;
      });
    group.forEach(({ task, status }, i) => {
      rows.push({
        key: task.id,
        task,
        category: { id: category.id, seq: category.seq, title: category.title },
        categorySpan: i === 0 ? group.length : 0,
        status,
      });
    });
  }
  return rows;
}

export function countTasks(table: ListTasksResponse): number {
  return table.categories.reduce((n, c) => n + c.tasks.length, 0);
}

/** Every department assigned somewhere in the list, in first-seen order (groups included: they filter too). */
export function departmentsOf(table: ListTasksResponse): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const c of table.categories)
    for (const task of c.tasks) for (const d of task.departments) if (!seen.has(d.id)) seen.set(d.id, d.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}
