import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { selectInChunks } from '../../db/in-chunks.ts';
import type { AssignmentTable, CategoryTable, TaskListTable, TaskTable } from '../../db/schema.ts';

/**
 * The task-list tables as the import and the task table read them (task_lists, categories, tasks, assignments).
 * Row types come from db/schema.ts; the writes are in tasklist-writes.repository.ts.
 */
export type TaskListRow = Pick<Selectable<TaskListTable>, 'id' | 'year' | 'title' | 'source_sha256' | 'campaign_id'>;

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

export type CategoryRow = Pick<Selectable<CategoryTable>, 'id' | 'seq' | 'title'>;

export async function listCategories(db: Db, taskListId: number): Promise<CategoryRow[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'seq', 'title'])
    .where('task_list_id', '=', taskListId)
    .orderBy('seq')
    .execute();
}

/** What the import writes of a task (its list and position are given separately). */
export type TaskFields = Omit<Selectable<TaskTable>, 'id' | 'task_list_id' | 'seq'>;

export type TaskRow = Omit<Selectable<TaskTable>, 'task_list_id'>;

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

export type AssignmentRow = Selectable<AssignmentTable>;

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
