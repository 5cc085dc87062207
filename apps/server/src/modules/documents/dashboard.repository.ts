import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { type Compilable, type CompiledQuery, type Selectable, sql } from 'kysely';
import { type Db, selectArrays } from '../../db/database.ts';
import type { TaskListTable } from '../../db/schema.ts';
import { EFFECTIVE_DUE, type StatusWindow, statusCase } from '../schedules/occurrence-status-sql.ts';

/**
 * SQL of the dashboard read model: TWO statements per request, the same SQL on SQLite and PostgreSQL.
 * - `dashboardGroups`: ONE grouped statement behind the figures (by category, department, due month, and
 *   department × due month of the recurring duties), with the list itself and the names as extra rows.
 * - `listOverdue`: the 200 most overdue occurrences (their total comes from the groups).
 * Both find the unit's list of the year themselves (`yearListId`, a subquery), so nothing is looked up before
 * them and they can run at once. Statuses are classified by `statusCase` (schedules/occurrence-status-sql.ts: the
 * one SQL mirror of occurrenceStatus); dates are 'YYYY-MM-DD' text compared as strings, and the caller's clock
 * comes in as bound parameters (today, dueSoonUntil). Each statement is compiled once per database handle and
 * set of parameters (`compiledOnce`): a miss after a write runs the same text with the same values again.
 */

/** Which list a dashboard is of: the unit's list of the year. */
export interface YearList {
  orgUnitId: number;
  year: number;
}

/** The unit's list of the year as a subquery: the first by id, as findYearTaskList picks it. */
function yearListId(db: Db, list: YearList) {
  return db
    .selectFrom('task_lists as yl')
    .select('yl.id')
    .where('yl.org_unit_id', '=', list.orgUnitId)
    .where('yl.year', '=', list.year)
    .orderBy('yl.id')
    .limit(1);
}

/** The list's occurrences (o, a, t joined), filtered to the unit's list of the year. */
function listOccurrences(db: Db, list: YearList) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .where('t.task_list_id', '=', yearListId(db, list));
}

/** Compiled statements per database handle, by statement and parameters (a few per unit and day; oldest out). */
const compiled = new WeakMap<Db, Map<string, CompiledQuery>>();
const MAX_COMPILED = 256;

function compiledOnce<R>(db: Db, key: string, build: () => Compilable<R>): CompiledQuery<R> {
  let byKey = compiled.get(db);
  if (!byKey) {
    byKey = new Map();
    compiled.set(db, byKey);
  }
  let query = byKey.get(key) as CompiledQuery<R> | undefined;
  if (!query) {
    query = build().compile();
    byKey.set(key, query);
    if (byKey.size > MAX_COMPILED) byKey.delete(byKey.keys().next().value as string);
  }
  return query;
}

export type YearTaskListRow = Pick<Selectable<TaskListTable>, 'id' | 'year' | 'title'>;

export async function findYearTaskList(db: Db, orgUnitId: number, year: number): Promise<YearTaskListRow | undefined> {
  return db
    .selectFrom('task_lists')
    .select(['id', 'year', 'title'])
    .where('org_unit_id', '=', orgUnitId)
    .where('year', '=', year)
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * A row of the grouped statement, as the array of its columns (kind, category_id, department_id, month, status,
 * due_by, recurring, n, seq, label): a province list has thousands of groups, and arrays cost the driver less than
 * an object per row (see selectArrays). `kind` says which row it is:
 * - 'group': `n` occurrences of one (category_id, department_id, month, status, due_by, recurring); month is the
 *   effective due date's 'YYYY-MM', due_by 1 when the effective due date is on or before asOf, recurring 1 when
 *   the occurrence's schedule rule is a recurring one (any kind but 'once');
 * - 'category': the name of a category of the list (category_id, seq, label = title);
 * - 'department': the name of a department assigned in the list (department_id, label = name);
 * - 'list': the list itself, one row (n = its id, seq = its year, label = its title); no rows at all without a list.
 * Columns a kind does not use are null. Counts may come back as strings from PostgreSQL bigint.
 */
export type DashboardGroupRow = [
  kind: 'group' | 'category' | 'department' | 'list',
  category_id: number | null,
  department_id: number | null,
  month: string | null,
  status: OccurrenceStatus | null,
  due_by: number | null,
  recurring: number | null,
  n: number | string | null,
  seq: number | null,
  label: string | null,
];
type Kind = DashboardGroupRow[0];

const nothing = <T>() => sql<T | null>`null`;

/**
 * The figures' source: the list's occurrences counted by (category, department, due month, status, due by
 * asOf, recurring rule), a few thousand groups that the service rolls up into byCategory, byDepartment, byMonth,
 * byDepartmentMonth and the totals. The status CASE is evaluated once per occurrence. Names come in the same statement as extra rows
 * (`union all`), once per category and department rather than on every group: measured faster than joining them
 * onto the groups or looking them up per group (see BENCHMARKS.md). The list's own row comes the same way.
 */
export async function dashboardGroups(db: Db, list: YearList, w: StatusWindow): Promise<DashboardGroupRow[]> {
  const key = `groups|${list.orgUnitId}|${list.year}|${w.today}|${w.dueSoonUntil}`;
  const query = compiledOnce(db, key, () => groupsStatement(db, list, w));
  return (await selectArrays(db, query)) as DashboardGroupRow[];
}

function groupsStatement(db: Db, list: YearList, w: StatusWindow) {
  const groups = listOccurrences(db, list)
    .innerJoin('schedule_rules as r', 'r.id', 'o.rule_id')
    .select([
      sql<Kind>`'group'`.as('kind'),
      sql<number | null>`t.category_id`.as('category_id'),
      sql<number | null>`a.department_id`.as('department_id'),
      sql<string | null>`substr(${EFFECTIVE_DUE}, 1, 7)`.as('month'),
      sql<OccurrenceStatus | null>`${statusCase(w)}`.as('status'),
      sql<number | null>`case when ${EFFECTIVE_DUE} <= ${w.today} then 1 else 0 end`.as('due_by'),
      sql<number | null>`case when r.kind = 'once' then 0 else 1 end`.as('recurring'),
      sql<number | string | null>`count(*)`.as('n'),
      nothing<number>().as('seq'),
      nothing<string>().as('label'),
    ])
    // Input columns qualified (o and a both have department_id); the computed keys by their output names.
    .groupBy([
      't.category_id',
      'a.department_id',
      sql.ref('month'),
      sql.ref('status'),
      sql.ref('due_by'),
      sql.ref('recurring'),
    ]);
  const categories = db
    .selectFrom('categories as c')
    .where('c.task_list_id', '=', yearListId(db, list))
    .select([
      sql<Kind>`'category'`.as('kind'),
      sql<number | null>`c.id`.as('category_id'),
      nothing<number>().as('department_id'),
      nothing<string>().as('month'),
      nothing<OccurrenceStatus>().as('status'),
      nothing<number>().as('due_by'),
      nothing<number>().as('recurring'),
      nothing<number | string>().as('n'),
      sql<number | null>`c.seq`.as('seq'),
      sql<string | null>`c.title`.as('label'),
    ]);
  // The list's departments (a few dozen), each name by primary key.
  const assigned = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .where('t.task_list_id', '=', yearListId(db, list))
    .select('a.department_id')
    .distinct()
    .as('x');
  const departments = db
    .selectFrom(assigned)
    .select((eb) => [
      sql<Kind>`'department'`.as('kind'),
      nothing<number>().as('category_id'),
      sql<number | null>`x.department_id`.as('department_id'),
      nothing<string>().as('month'),
      nothing<OccurrenceStatus>().as('status'),
      nothing<number>().as('due_by'),
      nothing<number>().as('recurring'),
      nothing<number | string>().as('n'),
      nothing<number>().as('seq'),
      eb.selectFrom('departments as d').select('d.name').whereRef('d.id', '=', 'x.department_id').as('label'),
    ]);
  const listRow = db
    .selectFrom('task_lists as l')
    .where('l.id', '=', yearListId(db, list))
    .select([
      sql<Kind>`'list'`.as('kind'),
      nothing<number>().as('category_id'),
      nothing<number>().as('department_id'),
      nothing<string>().as('month'),
      nothing<OccurrenceStatus>().as('status'),
      nothing<number>().as('due_by'),
      nothing<number>().as('recurring'),
      sql<number | string | null>`l.id`.as('n'),
      sql<number | null>`l.year`.as('seq'),
      sql<string | null>`l.title`.as('label'),
    ]);
  return groups.unionAll(categories).unionAll(departments).unionAll(listRow);
}

/**
 * The `limit` most overdue occurrences of the list (then task order, lead department first). The list's rows are
 * classified and the first `limit` picked (a top-N sort) before the task texts and department names are joined,
 * so only those rows are looked up. The total is not counted here: it is the groups' overdue count.
 */
export async function listOverdue(db: Db, list: YearList, w: StatusWindow, limit: number) {
  const key = `overdue|${list.orgUnitId}|${list.year}|${w.today}|${w.dueSoonUntil}|${limit}`;
  const { rows } = await db.executeQuery(compiledOnce(db, key, () => overdueStatement(db, list, w, limit)));
  return rows;
}

function overdueStatement(db: Db, list: YearList, w: StatusWindow, limit: number) {
  const top = listOccurrences(db, list)
    .select([
      'o.id as occurrence_id',
      'a.task_id',
      'a.department_id',
      'o.period_key',
      EFFECTIVE_DUE.as('due'),
      'o.due_date',
      'o.report_state',
      't.seq as task_seq',
      'a.seq as assignment_seq',
    ])
    .where(statusCase(w), '=', 'overdue')
    .orderBy(EFFECTIVE_DUE)
    .orderBy('t.seq')
    .orderBy('a.seq')
    .orderBy('o.id')
    .limit(limit)
    .as('x');
  return db
    .selectFrom(top)
    .innerJoin('tasks as t', 't.id', 'x.task_id')
    .innerJoin('departments as d', 'd.id', 'x.department_id')
    .select([
      'x.occurrence_id',
      'x.task_id',
      't.no as task_no',
      't.text as task_text',
      'x.department_id',
      'd.name as department',
      'x.period_key',
      'x.due',
      'x.due_date',
      'x.report_state',
    ])
    .orderBy('x.due')
    .orderBy('x.task_seq')
    .orderBy('x.assignment_seq')
    .orderBy('x.occurrence_id');
}

/** A row of listOverdue, as its statement types it (columns of occurrences, assignments, tasks, departments). */
export type OverdueRow = Awaited<ReturnType<typeof listOverdue>>[number];
