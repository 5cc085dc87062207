import type { Db } from '../../db/database.ts';
import { runInChunks } from '../../db/in-chunks.ts';
import type { AssignmentRow, TaskFields } from './tasklists.repository.ts';

/** The import's writes to the task-list tables (one transaction is the caller's); reads are in tasklists.repository.ts. */

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
