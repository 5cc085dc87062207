import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ExportSnapshotTable, TaskTable } from '../../../db/schema.ts';

/**
 * SQL of the task-list export and of returned sheets: a cross-domain read model (tasks, assignments, occurrences
 * and reports joined read-only) plus the export_snapshots table this module owns. Reports are never written here:
 * a returned sheet files them through the progress domain's use cases.
 */

/** The list's tasks in order, with their category; a department's export keeps only the tasks it is assigned. */
export async function listExportTasks(db: Db, taskListId: number, departmentId: number | null) {
  let q = db
    .selectFrom('tasks as t')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .select([
      't.id',
      't.seq',
      't.no',
      't.text',
      't.departments_text',
      't.deadline_text',
      't.category_id',
      'c.title as category_title',
    ])
    .where('t.task_list_id', '=', taskListId);
  if (departmentId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as a')
          .select('a.id')
          .whereRef('a.task_id', '=', 't.id')
          .where('a.department_id', '=', departmentId),
      ),
    );
  }
  return q.orderBy('t.seq').execute();
}

/** A task of listExportTasks: columns of tasks, and its category's title (null without a category). */
export type ExportTaskRow = Awaited<ReturnType<typeof listExportTasks>>[number];

/** Every task's departments, lead first (the assignment order), optionally one department's only. */
export async function listExportAssignments(db: Db, taskListId: number, departmentId: number | null) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select(['a.task_id', 'a.department_id', 'd.name', 'a.role'])
    .where('t.task_list_id', '=', taskListId);
  if (departmentId !== null) q = q.where('a.department_id', '=', departmentId);
  return q.orderBy('a.task_id').orderBy('a.seq').execute();
}

/** A duty of listExportAssignments: the assignment's task, department and role, and the department's name. */
export type ExportAssignmentRow = Awaited<ReturnType<typeof listExportAssignments>>[number];

export interface PeriodFilter {
  taskListId: number;
  /** The period's first and last day: occurrences due in it, or accepted in it. */
  start: string;
  end: string;
  departmentId: number | null;
}

/**
 * The occurrences that belong to a period: due (original due date) within it, or accepted within it, each with its
 * latest report. Ordered by task, assignment (lead first), due date.
 */
export async function listPeriodOccurrences(db: Db, f: PeriodFilter) {
  let q = db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    // The latest report: no later one of the same occurrence (an anti-join both planners run by index; a join on
    // `r.id = (select max(id) …)` made PostgreSQL compare every occurrence with every report).
    .leftJoin('reports as r', (join) =>
      join
        .onRef('r.occurrence_id', '=', 'o.id')
        .on((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('reports as later')
                .select('later.id')
                .whereRef('later.occurrence_id', '=', 'r.occurrence_id')
                .whereRef('later.id', '>', 'r.id'),
            ),
          ),
        ),
    )
    .select([
      'o.id',
      'a.task_id',
      'a.department_id',
      'o.period_key',
      'o.window_start',
      'o.due_date',
      'o.extended_due',
      'o.report_state',
      'o.submitted_at',
      'o.accepted_at',
      'r.id as report_id',
      'r.status as report_status',
      'r.version as report_version',
      'r.text as report_text',
    ])
    .where('t.task_list_id', '=', f.taskListId)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.due_date', '>=', f.start), eb('o.due_date', '<=', f.end)]),
        eb.and([eb('o.accepted_at', '>=', f.start), eb('o.accepted_at', '<=', f.end)]),
      ]),
    );
  if (f.departmentId !== null) q = q.where('a.department_id', '=', f.departmentId);
  return q.orderBy('t.seq').orderBy('a.seq').orderBy('o.due_date').orderBy('o.id').execute();
}

/**
 * An occurrence of listPeriodOccurrences with its latest report (report_* null when it has none): the accepted one
 * when the occurrence is accepted (nothing follows it).
 */
export type PeriodOccurrenceRow = Awaited<ReturnType<typeof listPeriodOccurrences>>[number];

export async function findOrgUnitName(db: Db, orgUnitId: number): Promise<string> {
  const row = await db.selectFrom('org_units').select('name').where('id', '=', orgUnitId).executeTakeFirst();
  return row?.name ?? '';
}

// ---------- export_snapshots ----------

export interface SnapshotInsert {
  orgUnitId: number;
  taskListId: number;
  year: number;
  periodKey: string;
  departmentId: number | null;
  token: string;
  rows: string;
  actor: string;
  now: string;
}

export async function insertExportSnapshot(db: Db, s: SnapshotInsert): Promise<number> {
  const r = await db
    .insertInto('export_snapshots')
    .values({
      org_unit_id: s.orgUnitId,
      task_list_id: s.taskListId,
      year: s.year,
      period_key: s.periodKey,
      department_id: s.departmentId,
      token: s.token,
      rows: s.rows,
      actor: s.actor,
      created_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type SnapshotRow = Pick<
  Selectable<ExportSnapshotTable>,
  'id' | 'task_list_id' | 'year' | 'period_key' | 'department_id' | 'rows' | 'created_at'
>;

export async function findExportSnapshot(db: Db, orgUnitId: number, token: string): Promise<SnapshotRow | undefined> {
  return db
    .selectFrom('export_snapshots')
    .select(['id', 'task_list_id', 'year', 'period_key', 'department_id', 'rows', 'created_at'])
    .where('org_unit_id', '=', orgUnitId)
    .where('token', '=', token)
    .executeTakeFirst();
}

/** The current cells of the given tasks (a re-import may have changed them since the export). */
export async function listTaskCells(
  db: Db,
  taskIds: number[],
): Promise<Pick<Selectable<TaskTable>, 'id' | 'text' | 'departments_text' | 'deadline_text'>[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('tasks')
    .select(['id', 'text', 'departments_text', 'deadline_text'])
    .where('id', 'in', taskIds)
    .execute();
}

/** A department of the unit by its registry name (the CLI's --department). */
export async function findDepartmentIdByName(db: Db, orgUnitId: number, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id ?? null;
}
