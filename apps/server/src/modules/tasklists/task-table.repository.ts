import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AssignmentTable, DepartmentTable, OccurrenceTable } from '../../db/schema.ts';
import { type StatusWindow, statusCase } from '../schedules/occurrence-status-sql.ts';

/**
 * The task table's read model (GET /api/tasklists/:year/tasks and the list index): reads only. The list's own rows
 * as the import reads them (task_lists, categories, tasks, assignments) are in tasklists.repository.ts, its writes in
 * tasklist-writes.repository.ts.
 */

export type TaskDepartmentRow = Pick<Selectable<AssignmentTable>, 'task_id' | 'department_id' | 'role'> & {
  name: Selectable<DepartmentTable>['name'];
  via_group: string | null;
};

export async function listTaskDepartments(db: Db, taskListId: number): Promise<TaskDepartmentRow[]> {
  return db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('departments as g', 'g.id', 'a.via_group_id')
    .select(['a.task_id', 'a.department_id', 'd.name', 'a.role', 'g.name as via_group'])
    .where('t.task_list_id', '=', taskListId)
    .orderBy('a.task_id')
    .orderBy('a.seq')
    .execute();
}

export type NextDueRow = Pick<Selectable<AssignmentTable>, 'task_id'> &
  Pick<Selectable<OccurrenceTable>, 'window_start' | 'due_date' | 'period_key'> & { department: string };

/** For each task of the list, its earliest occurrence due on or after `asOf` (lead department first on ties). */
export async function listNextDue(
  db: Db,
  taskListId: number,
  asOf: string,
  departmentId: number | null = null,
): Promise<NextDueRow[]> {
  let inner = db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select((eb) => [
      'a.task_id',
      'o.window_start',
      'o.due_date',
      'o.period_key',
      'd.name as department',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('a.task_id').orderBy('o.due_date').orderBy('a.seq'))
        .as('rn'),
    ])
    .where('t.task_list_id', '=', taskListId)
    .where('o.due_date', '>=', asOf);
  if (departmentId !== null) inner = inner.where('a.department_id', '=', departmentId);
  const ranked = inner.as('ranked');
  return db
    .selectFrom(ranked)
    .select(['task_id', 'window_start', 'due_date', 'period_key', 'department'])
    .where('rn', '=', 1)
    .execute();
}

export async function listTaskListIndex(db: Db, orgUnitId: number) {
  return db
    .selectFrom('task_lists as l')
    .leftJoin('tasks as t', 't.task_list_id', 'l.id')
    .select((eb) => [
      'l.id',
      'l.year',
      'l.title',
      'l.imported_at',
      'l.updated_at',
      'l.source_name',
      eb.fn.count<number>('t.id').as('task_count'),
    ])
    .where('l.org_unit_id', '=', orgUnitId)
    .groupBy(['l.id', 'l.year', 'l.title', 'l.imported_at', 'l.updated_at', 'l.source_name'])
    .orderBy('l.year', 'desc')
    .execute();
}

export interface TaskStatusCountRow {
  task_id: number;
  status: OccurrenceStatus;
  n: number;
}

/**
 * Status counts per task over the occurrences whose window has opened by `today` (what is owed so far),
 * optionally one department's only. One grouped query.
 */
export async function listTaskStatusCounts(
  db: Db,
  taskListId: number,
  w: StatusWindow,
  departmentId: number | null,
): Promise<TaskStatusCountRow[]> {
  let q = db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select((eb) => ['a.task_id', statusCase(w).as('status'), eb.fn.countAll<number>().as('n')])
    .where('t.task_list_id', '=', taskListId)
    .where('o.window_start', '<=', w.today);
  if (departmentId !== null) q = q.where('a.department_id', '=', departmentId);
  const rows = await q.groupBy([sql.ref('a.task_id'), sql.ref('status')]).execute();
  return rows.map((r) => ({ task_id: r.task_id, status: r.status, n: Number(r.n) }));
}
