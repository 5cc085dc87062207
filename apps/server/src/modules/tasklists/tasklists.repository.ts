import type { Db } from '../../db/database.ts';
import { runInChunks, selectInChunks } from '../../db/in-chunks.ts';
import type { AssignmentRole } from '../../db/schema.ts';

export interface TaskListRow {
  id: number;
  year: number;
  title: string;
  source_sha256: string;
  campaign_id: number;
}

export async function findTaskList(
  db: Db,
  orgUnitId: number,
  campaignId: number,
  year: number,
): Promise<TaskListRow | undefined> {
  return db
    .selectFrom('task_lists')
    .select(['id', 'year', 'title', 'source_sha256', 'campaign_id'])
    .where('org_unit_id', '=', orgUnitId)
    .where('campaign_id', '=', campaignId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function findTaskListByYear(db: Db, orgUnitId: number, year: number): Promise<TaskListRow | undefined> {
  return db
    .selectFrom('task_lists')
    .select(['id', 'year', 'title', 'source_sha256', 'campaign_id'])
    .where('org_unit_id', '=', orgUnitId)
    .where('year', '=', year)
    .orderBy('id')
    .executeTakeFirst();
}

export async function countTaskLists(db: Db): Promise<number> {
  const r = await db
    .selectFrom('task_lists')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TaskListSource {
  title: string;
  sourceName: string;
  sourceFormat: string;
  sha256: string;
  bytes: Uint8Array;
  now: string;
}

export async function insertTaskList(
  db: Db,
  row: TaskListSource & { orgUnitId: number; campaignId: number; year: number },
): Promise<number> {
  const r = await db
    .insertInto('task_lists')
    .values({
      org_unit_id: row.orgUnitId,
      campaign_id: row.campaignId,
      year: row.year,
      title: row.title,
      source_name: row.sourceName,
      source_format: row.sourceFormat,
      source_sha256: row.sha256,
      source_bytes: row.bytes,
      imported_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTaskListSource(db: Db, id: number, row: TaskListSource): Promise<void> {
  await db
    .updateTable('task_lists')
    .set({
      title: row.title,
      source_name: row.sourceName,
      source_format: row.sourceFormat,
      source_sha256: row.sha256,
      source_bytes: row.bytes,
      updated_at: row.now,
    })
    .where('id', '=', id)
    .execute();
}

export interface CategoryRow {
  id: number;
  seq: number;
  title: string;
}

export async function listCategories(db: Db, taskListId: number): Promise<CategoryRow[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'seq', 'title'])
    .where('task_list_id', '=', taskListId)
    .orderBy('seq')
    .execute();
}

export async function insertCategory(db: Db, taskListId: number, seq: number, title: string): Promise<number> {
  const r = await db
    .insertInto('categories')
    .values({ task_list_id: taskListId, seq, title })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCategoryTitle(db: Db, id: number, title: string): Promise<void> {
  await db.updateTable('categories').set({ title }).where('id', '=', id).execute();
}

export async function deleteCategories(db: Db, ids: number[]): Promise<void> {
  await runInChunks(ids, (chunk) => db.deleteFrom('categories').where('id', 'in', chunk).execute());
}

export interface TaskFields {
  category_id: number | null;
  no: string;
  text: string;
  departments_text: string;
  deadline_text: string;
  deadline_override: string | null;
  deadline_needs_review: number;
  deadline_unparsed: string;
  deadline_ongoing: number;
  source_progress: string | null;
  source_row: number;
}

export type TaskRow = TaskFields & { id: number; seq: number };

export async function listTasks(db: Db, taskListId: number): Promise<TaskRow[]> {
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'seq',
      'category_id',
      'no',
      'text',
      'departments_text',
      'deadline_text',
      'deadline_override',
      'deadline_needs_review',
      'deadline_unparsed',
      'deadline_ongoing',
      'source_progress',
      'source_row',
    ])
    .where('task_list_id', '=', taskListId)
    .orderBy('seq')
    .execute();
}

export async function insertTask(db: Db, taskListId: number, seq: number, fields: TaskFields): Promise<number> {
  const r = await db
    .insertInto('tasks')
    .values({ task_list_id: taskListId, seq, ...fields })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTask(db: Db, id: number, fields: TaskFields): Promise<void> {
  await db.updateTable('tasks').set(fields).where('id', '=', id).execute();
}

export async function deleteTasks(db: Db, ids: number[]): Promise<void> {
  await runInChunks(ids, (chunk) => db.deleteFrom('tasks').where('id', 'in', chunk).execute());
}

export interface AssignmentRow {
  id: number;
  task_id: number;
  department_id: number;
  role: AssignmentRole;
  via_group_id: number | null;
  seq: number;
}

export async function listAssignmentsOfTasks(db: Db, taskIds: number[]): Promise<AssignmentRow[]> {
  return selectInChunks(taskIds, (chunk) =>
    db
      .selectFrom('assignments')
      .select(['id', 'task_id', 'department_id', 'role', 'via_group_id', 'seq'])
      .where('task_id', 'in', chunk)
      .orderBy('task_id')
      .orderBy('seq')
      .execute(),
  );
}

export async function insertAssignment(db: Db, row: Omit<AssignmentRow, 'id'>): Promise<number> {
  const r = await db.insertInto('assignments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAssignment(
  db: Db,
  id: number,
  fields: Pick<AssignmentRow, 'seq' | 'role' | 'via_group_id'>,
): Promise<void> {
  await db.updateTable('assignments').set(fields).where('id', '=', id).execute();
}

export async function deleteAssignments(db: Db, ids: number[]): Promise<void> {
  await runInChunks(ids, (chunk) => db.deleteFrom('assignments').where('id', 'in', chunk).execute());
}

export async function countTaskListContents(
  db: Db,
  taskListId: number,
): Promise<{ categories: number; tasks: number; assignments: number; rules: number; occurrences: number }> {
  const taskIds = db.selectFrom('tasks').select('id').where('task_list_id', '=', taskListId);
  const r = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('categories')
        .select(eb.fn.countAll<number>().as('n'))
        .where('task_list_id', '=', taskListId)
        .as('categories'),
      eb
        .selectFrom('tasks')
        .select(eb.fn.countAll<number>().as('n'))
        .where('task_list_id', '=', taskListId)
        .as('tasks'),
      eb
        .selectFrom('assignments')
        .select(eb.fn.countAll<number>().as('n'))
        .where('task_id', 'in', taskIds)
        .as('assignments'),
      eb
        .selectFrom('schedule_rules')
        .select(eb.fn.countAll<number>().as('n'))
        .where('task_id', 'in', taskIds)
        .as('rules'),
      eb
        .selectFrom('occurrences')
        .innerJoin('assignments', 'assignments.id', 'occurrences.assignment_id')
        .select(eb.fn.countAll<number>().as('n'))
        .where('assignments.task_id', 'in', taskIds)
        .as('occurrences'),
    ])
    .executeTakeFirstOrThrow();
  return {
    categories: Number(r.categories),
    tasks: Number(r.tasks),
    assignments: Number(r.assignments),
    rules: Number(r.rules),
    occurrences: Number(r.occurrences),
  };
}

/**
 * Ids of the list's tasks with records on their occurrences (a report in any state, or a granted extension):
 * a re-import that deletes those occurrences is refused, so the import wizard names these tasks beforehand.
 */
export async function listTaskIdsWithProgress(db: Db, taskListId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select('a.task_id')
    .distinct()
    .where('t.task_list_id', '=', taskListId)
    .where((eb) => eb.or([eb('o.report_state', '!=', 'none'), eb('o.extended_due', 'is not', null)]))
    .execute();
  return rows.map((r) => r.task_id);
}
