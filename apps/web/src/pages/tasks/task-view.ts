import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS, occurrenceStatus, rollupStatus } from '@duban/shared/occurrence-status';
import type { ListTasksResponse, Occurrence, OccurrenceStatus, Task, TaskCategory } from '../../api/contracts.ts';

export type StatusCounts = Partial<Record<OccurrenceStatus, number>>;

/** The 工作进展 of a row: its rolled-up status (most urgent first) and its occurrences counted by status. */
export interface TaskProgress {
  status: OccurrenceStatus | null;
  counts: StatusCounts;
}

/** The server's roll-up over all the task's departments (occurrences opened by the table's date). */
export function serverProgress(task: Task): TaskProgress {
  return { status: task.status, counts: task.statusCounts };
}

/** A status filter: one occurrence status, or 'done' (accepted on time or late: what the completion rate counts). */
export type StatusFilter = OccurrenceStatus | 'done';
export const STATUS_FILTERS: readonly StatusFilter[] = [
  'overdue',
  'returned',
  'due-soon',
  'pending',
  'submitted',
  'done',
  'accepted',
  'done-late',
];

function matchesStatus(counts: StatusCounts, status: StatusFilter): boolean {
  if (status === 'done') return (counts.accepted ?? 0) + (counts['done-late'] ?? 0) > 0;
  return (counts[status] ?? 0) > 0;
}

export interface TaskFilters {
  categoryId: number | null;
  departmentId: number | null;
  status: StatusFilter | null;
  /** 'YYYY-MM': tasks with an occurrence due that month (the dashboard's month and heatmap drill-downs). */
  month: string | null;
  query: string;
}

export const numberParam = (value: string | null): number | null => {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) ? n : null;
};

const isStatusFilter = (value: string | null): value is StatusFilter => STATUS_FILTERS.some((s) => s === value);

/** The filters a task table URL asks for (?category=&department=&status=&month=&q=); anything unreadable is no filter. */
export function filtersFromParams(params: URLSearchParams): TaskFilters {
  const status = params.get('status');
  const month = params.get('month');
  return {
    categoryId: numberParam(params.get('category')),
    departmentId: numberParam(params.get('department')),
    status: isStatusFilter(status) ? status : null,
    month: month && /^\d{4}-\d{2}$/.test(month) ? month : null,
    query: params.get('q') ?? '',
  };
}

/** How many filters are set (the year and the as-of date are not filters). */
export function activeFilterCount(f: TaskFilters): number {
  return [f.categoryId, f.departmentId, f.status, f.month, f.query || null].filter((v) => v !== null).length;
}

/**
 * The filters that need each occurrence, not just the task's roll-up: a month, and a department (whose own
 * statuses are what the row should show then).
 */
export function needsOccurrences(f: TaskFilters): boolean {
  return f.month !== null || f.departmentId !== null;
}

/**
 * Progress per task from the year's occurrences, restricted to the department and month filters, with statuses
 * as of the table's date (the shared status function, as the server computes it).
 */
export function progressFromOccurrences(
  occurrences: readonly Occurrence[],
  asOf: string,
  f: Pick<TaskFilters, 'departmentId' | 'month'>,
): Map<number, TaskProgress> {
  const dueSoonUntil = addDays(asOf, DUE_SOON_DAYS);
  const byTask = new Map<number, { started: OccurrenceStatus[]; counts: StatusCounts }>();
  for (const o of occurrences) {
    if (f.departmentId !== null && o.department?.id !== f.departmentId) continue;
    if (f.month !== null && o.dueDate.slice(0, 7) !== f.month) continue;
    const status = occurrenceStatus(
      { reportState: o.reportState, dueDate: o.originalDueDate, extendedDue: o.extendedDue, acceptedOn: o.acceptedAt },
      asOf,
      dueSoonUntil,
    );
    const entry = byTask.get(o.task.id) ?? { started: [], counts: {} };
    entry.counts[status] = (entry.counts[status] ?? 0) + 1;
    if (o.windowStart <= asOf) entry.started.push(status);
    byTask.set(o.task.id, entry);
  }
  const result = new Map<number, TaskProgress>();
  for (const [taskId, { started, counts }] of byTask)
    result.set(taskId, {
      status: rollupStatus(started) ?? (Object.keys(counts).length > 0 ? 'pending' : null),
      counts,
    });
  return result;
}

export interface TaskRow {
  key: number;
  task: Task;
  category: Pick<TaskCategory, 'id' | 'seq' | 'title'>;
  /** rowSpan of the merged 主要内容 cell: the group's size on its first row, 0 on the others. */
  categorySpan: number;
  /** null while the occurrences are loading, or when the task has none in the filtered department/month. */
  progress: TaskProgress | null;
}

/**
 * The rows that pass the filters. `occurrenceProgress` (when given) replaces the server's roll-up: it holds only
 * the tasks with occurrences in the filtered department and month, so a month filter keeps just those.
 */
export function filterTasks(
  table: ListTasksResponse,
  filters: TaskFilters,
  occurrenceProgress: Map<number, TaskProgress> | null,
): TaskRow[] {
  const query = filters.query.trim();
  const rows: TaskRow[] = [];
  for (const category of table.categories) {
    if (filters.categoryId !== null && category.id !== filters.categoryId) continue;
    const group = category.tasks
      .map((task) => ({
        task,
        progress: occurrenceProgress ? (occurrenceProgress.get(task.id) ?? null) : serverProgress(task),
      }))
      .filter(({ task, progress }) => {
        if (filters.departmentId !== null && !task.departments.some((d) => d.id === filters.departmentId)) return false;
        if (filters.month !== null && (!occurrenceProgress || !progress)) return false;
        if (filters.status !== null && !matchesStatus(progress?.counts ?? {}, filters.status)) return false;
        if (query && !task.text.includes(query) && task.no !== query) return false;
        return true;
      });
    group.forEach(({ task, progress }, i) => {
      rows.push({
        key: task.id,
        task,
        category: { id: category.id, seq: category.seq, title: category.title },
        categorySpan: i === 0 ? group.length : 0,
        progress,
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
