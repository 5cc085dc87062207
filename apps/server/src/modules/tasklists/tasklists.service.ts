import { todayInShanghai } from '@duban/shared/civil-date';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import {
  findTaskListByYear,
  listCategories,
  listNextDue,
  listTaskDepartments,
  listTasks,
} from './tasklists.repository.ts';
import type { ListTasksResponse } from './tasklists.schemas.ts';

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
  const [categories, tasks, departments, nextDue] = await Promise.all([
    listCategories(db, list.id),
    listTasks(db, list.id),
    listTaskDepartments(db, list.id),
    listNextDue(db, list.id, asOf, departmentId),
  ]);
  const nextByTask = new Map(nextDue.map((n) => [n.task_id, n]));
  const visible =
    departmentId === null
      ? tasks
      : tasks.filter((t) => departments.some((d) => d.task_id === t.id && d.department_id === departmentId));
  const rows = visible.map((t) => {
    const next = nextByTask.get(t.id);
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
