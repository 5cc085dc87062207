import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CalendarFeedTable, OccurrenceTable } from '../../db/schema.ts';

/**
 * SQL of calendar_feeds, and the feed's read model: occurrences of a department (or of the whole unit) with their
 * task text, joined read-only with the task-list tables; the account a user feed follows, read-only.
 */
export type FeedRow = Selectable<CalendarFeedTable>;

export async function insertFeed(trx: Db, row: Insertable<CalendarFeedTable>): Promise<FeedRow> {
  return trx.insertInto('calendar_feeds').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFeedInUnit(db: Db, orgUnitId: number, id: number): Promise<FeedRow | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function findActiveFeedByHash(db: Db, tokenHash: string): Promise<FeedRow | undefined> {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listFeeds(db: Db, orgUnitId: number, createdBy: number | null): Promise<FeedRow[]> {
  let q = db.selectFrom('calendar_feeds').selectAll().where('org_unit_id', '=', orgUnitId);
  if (createdBy !== null) q = q.where('created_by', '=', createdBy);
  return q.orderBy('id').execute();
}

export async function revokeFeed(trx: Db, id: number, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findFeedAccount(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'department_id', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** An occurrence as a calendar event: its own columns, joined with its rule, department, task and list. */
export type FeedOccurrenceRow = Pick<
  Selectable<OccurrenceTable>,
  | 'id'
  | 'assignment_id'
  | 'rule_id'
  | 'due_date'
  | 'extended_due'
  | 'window_start'
  | 'condition'
  | 'min_count'
  | 'report_state'
  | 'accepted_at'
> & {
  rule_kind: string;
  department_name: string;
  task_no: string;
  task_text: string;
  deadline_text: string;
  category_title: string | null;
  year: number;
};

/** Every occurrence of the unit's task lists, of one department or (departmentId null) of all. */
export async function listFeedOccurrences(
  db: Db,
  orgUnitId: number,
  departmentId: number | null,
): Promise<FeedOccurrenceRow[]> {
  let q = db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as tl', 'tl.id', 't.task_list_id')
    .innerJoin('schedule_rules as sr', 'sr.id', 'o.rule_id')
    .innerJoin('departments as d', (j) =>
      j.on((eb) => eb('d.id', '=', eb.fn.coalesce('o.department_id', 'a.department_id'))),
    )
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .select([
      'o.id',
      'o.assignment_id',
      'o.rule_id',
      'sr.kind as rule_kind',
      'o.due_date',
      'o.extended_due',
      'o.window_start',
      'o.condition',
      'o.min_count',
      'o.report_state',
      'o.accepted_at',
      'd.name as department_name',
      't.no as task_no',
      't.text as task_text',
      't.deadline_text',
      'c.title as category_title',
      'tl.year',
    ])
    .where('tl.org_unit_id', '=', orgUnitId);
  if (departmentId !== null) q = q.where('d.id', '=', departmentId);
  return q.orderBy('o.assignment_id').orderBy('o.rule_id').orderBy('o.due_date').orderBy('o.id').execute();
}
