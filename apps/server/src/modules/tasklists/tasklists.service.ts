import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type { ListTasksResponse } from '@duban/shared/contracts/tasklists';
import {
  DUE_SOON_DAYS,
  OCCURRENCE_STATUSES,
  type OccurrenceStatus,
  rollupStatus,
} from '@duban/shared/occurrence-status';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { listNextDue, listTaskDepartments, listTaskListIndex, listTaskStatusCounts } from './task-table.repository.ts';
import { findTaskListByYear, listCategories, listTasks } from './tasklists.repository.ts';

/** A list's tasks grouped by category, with their departments (lead first) and next due occurrence. */
export async function getTaskTable(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string = todayInShanghai(),
  /** A department sees only its own tasks, and its own next due dates. */
  departmentId: number | null = null,
): Promise<ListTasksResponse> {
  const list = await findTaskListByYear(db, orgUnitId, year);
  if (!list) throw new AppError('not_found', `没有 ${year} 年的任务清单 (no task list for ${year})`);
  const window = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  const [categories, tasks, departments, nextDue, statusRows] = await Promise.all([
    listCategories(db, list.id),
    listTasks(db, list.id),
    listTaskDepartments(db, list.id),
    listNextDue(db, list.id, asOf, departmentId),
    listTaskStatusCounts(db, list.id, window, departmentId),
  ]);
  const countsByTask = new Map<number, Partial<Record<OccurrenceStatus, number>>>();
  for (const r of statusRows) countsByTask.set(r.task_id, { ...countsByTask.get(r.task_id), [r.status]: r.n });
  const nextByTask = new Map(nextDue.map((n) => [n.task_id, n]));
  const visible =
    departmentId === null
      ? tasks
      : tasks.filter((t) => departments.some((d) => d.task_id === t.id && d.department_id === departmentId));
  const rows = visible.map((t) => {
    const next = nextByTask.get(t.id);
    const statusCounts = countsByTask.get(t.id) ?? {};
    return {
      categoryId: t.category_id,
      task: {
        id: t.id,
        no: t.no,
        text: t.text,
        deadline: t.deadline_text,
        deadlineOverride: t.deadline_override,
        deadlineNeedsReview: t.deadline_needs_review === 1,
        ongoing: t.deadline_ongoing === 1,
        departments: departments
          .filter((d) => d.task_id === t.id)
          .map((d) => ({ id: d.department_id, name: d.name, role: d.role, viaGroup: d.via_group })),
        status: rollupStatus(OCCURRENCE_STATUSES.filter((s) => (statusCounts[s] ?? 0) > 0)),
        statusCounts,
        nextDue: next
          ? { start: next.window_start, due: next.due_date, periodKey: next.period_key, department: next.department }
          : null,
      },
    };
  });
  const groups = categories
    .filter((c) => rows.some((r) => r.categoryId === c.id))
    .map((c) => ({
      id: c.id,
      seq: c.seq,
      title: c.title,
      tasks: rows.filter((r) => r.categoryId === c.id).map((r) => r.task),
    }));
  const uncategorised = rows.filter((r) => r.categoryId === null).map((r) => r.task);
  if (uncategorised.length > 0) groups.push({ id: 0, seq: 0, title: '', tasks: uncategorised });
  return { taskList: { id: list.id, year: list.year, title: list.title }, asOf, categories: groups };
}

/** The unit's imported lists, newest year first. */
export async function listTaskLists(db: Db, orgUnitId: number) {
  const rows = await listTaskListIndex(db, orgUnitId);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    taskCount: Number(r.task_count),
    sourceName: r.source_name,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
  }));
}
