import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AssignmentRole, OccurrenceTable, ReportStatus } from '../../db/schema.ts';
import { statusCase } from '../schedules/occurrence-status-sql.ts';

/**
 * SQL of the occurrences as the progress domain sees them: the inbox and detail read model (joined read-only with
 * the task-list tables, one query, no N+1) and the state columns this domain owns (report_state, submitted_at,
 * accepted_at, version).
 */
export type OccurrenceRow = Pick<
  Selectable<OccurrenceTable>,
  | 'id'
  | 'department_id'
  | 'period_key'
  | 'window_start'
  | 'due_date'
  | 'extended_due'
  | 'min_count'
  | 'condition'
  | 'report_state'
  | 'submitted_at'
  | 'accepted_at'
  | 'version'
> & {
  department_name: string | null;
  assignment_role: AssignmentRole;
  rule_kind: string;
  task_id: number;
  task_no: string;
  task_text: string;
  deadline_text: string;
  year: number;
  category_id: number | null;
  category_title: string | null;
  latest_report_id: number | null;
  latest_report_status: ReportStatus | null;
  /** 督办单 on this occurrence still waiting for the department's written reply. */
  open_notices: number | null;
};

const statusSql = (today: string, dueSoonUntil: string) => statusCase({ today, dueSoonUntil });

function occurrences(db: Db, orgUnitId: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as tl', 'tl.id', 't.task_list_id')
    .innerJoin('schedule_rules as sr', 'sr.id', 'o.rule_id')
    .leftJoin('categories as c', 'c.id', 't.category_id')
    .leftJoin('departments as d', 'd.id', 'o.department_id')
    .leftJoin('reports as lr', (join) =>
      join.on((eb) =>
        eb(
          'lr.id',
          '=',
          eb
            .selectFrom('reports as r2')
            .select((e) => e.fn.max('r2.id').as('latest'))
            .whereRef('r2.occurrence_id', '=', 'o.id'),
        ),
      ),
    )
    .where('tl.org_unit_id', '=', orgUnitId)
    .select([
      'o.id',
      'o.department_id',
      'd.name as department_name',
      'a.role as assignment_role',
      'sr.kind as rule_kind',
      'o.period_key',
      'o.window_start',
      'o.due_date',
      'o.extended_due',
      'o.min_count',
      'o.condition',
      'o.report_state',
      'o.submitted_at',
      'o.accepted_at',
      'o.version',
      't.id as task_id',
      't.no as task_no',
      't.text as task_text',
      't.deadline_text',
      'tl.year',
      'c.id as category_id',
      'c.title as category_title',
      'lr.id as latest_report_id',
      'lr.status as latest_report_status',
      // Read-only look at supervision's records: the inbox badge 督办单待回复 (issue 13 item 2).
      (eb) =>
        eb
          .selectFrom('supervision_actions as sa')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('sa.occurrence_id', '=', 'o.id')
          .where('sa.kind', '=', 'notice')
          .where('sa.replied_at', 'is', null)
          .as('open_notices'),
    ]);
}

export async function findOccurrence(db: Db, orgUnitId: number, id: number): Promise<OccurrenceRow | undefined> {
  return occurrences(db, orgUnitId).where('o.id', '=', id).executeTakeFirst();
}

export interface InboxFilter {
  orgUnitId: number;
  departmentId?: number;
  taskId?: number;
  year?: number;
  status?: OccurrenceStatus;
  limit: number;
  offset: number;
  today: string;
  dueSoonUntil: string;
}

/** One page of occurrences, overdue first, then by (effective) due date; with the total over all pages. */
export async function listInbox(db: Db, f: InboxFilter): Promise<{ rows: OccurrenceRow[]; total: number }> {
  const status = statusSql(f.today, f.dueSoonUntil);
  let q = occurrences(db, f.orgUnitId);
  if (f.departmentId !== undefined) q = q.where('o.department_id', '=', f.departmentId);
  if (f.taskId !== undefined) q = q.where('a.task_id', '=', f.taskId);
  if (f.year !== undefined) q = q.where('tl.year', '=', f.year);
  if (f.status !== undefined) q = q.where(sql<boolean>`${status} = ${f.status}`);
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy(sql`case when ${status} = 'overdue' then 0 else 1 end`)
    .orderBy(sql`coalesce(o.extended_due, o.due_date)`)
    .orderBy('o.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  if (rows.length > 0 || f.offset === 0) return { rows, total: Number(rows[0]?.total ?? 0) };
  const counted = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: [], total: Number(counted.n) };
}

export type OccurrenceStateRow = Pick<
  Selectable<OccurrenceTable>,
  'id' | 'department_id' | 'report_state' | 'submitted_at' | 'accepted_at' | 'version'
>;

/** The occurrence's state columns, within the org unit. */
export async function findOccurrenceState(
  db: Db,
  orgUnitId: number,
  id: number,
): Promise<OccurrenceStateRow | undefined> {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as tl', 'tl.id', 't.task_list_id')
    .select(['o.id', 'o.department_id', 'o.report_state', 'o.submitted_at', 'o.accepted_at', 'o.version'])
    .where('tl.org_unit_id', '=', orgUnitId)
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export type OccurrenceStateChange = Partial<Pick<OccurrenceStateRow, 'report_state' | 'submitted_at' | 'accepted_at'>>;

/**
 * Sets the state columns and bumps the version; with `expectedVersion`, only if nobody changed the row since.
 * Returns the row after the change, or undefined when the version did not match.
 */
export async function updateOccurrenceState(
  db: Db,
  id: number,
  change: OccurrenceStateChange,
  expectedVersion?: number,
): Promise<OccurrenceStateRow | undefined> {
  let q = db
    .updateTable('occurrences')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q
    .returning(['id', 'department_id', 'report_state', 'submitted_at', 'accepted_at', 'version'])
    .executeTakeFirst();
}
