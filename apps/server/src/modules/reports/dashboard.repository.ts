import type { OccurrenceStatus } from '@duban/shared/occurrence-status';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { EFFECTIVE_DUE, type StatusWindow, statusCase } from '../schedules/occurrence-status-sql.ts';

/**
 * SQL of the dashboard read model. Every figure is ONE statement over the list's occurrences, classified by
 * `statusCase` (schedules/occurrence-status-sql.ts: the one SQL mirror of occurrenceStatus) and grouped with
 * conditional sums. The same SQL runs on SQLite and PostgreSQL: dates are 'YYYY-MM-DD' text compared as strings,
 * and the caller's clock comes in as bound parameters (today, dueSoonUntil).
 */

/** The list's occurrences (o, a, t joined), filtered to one task list. */
function listOccurrences(db: Db, taskListId: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .where('t.task_list_id', '=', taskListId);
}

/**
 * First level of a figure: occurrences counted by (key, status, due by asOf). Grouping evaluates the status CASE
 * once per row; the second level pivots these few rows into columns. (A flat `sum(case when <status> = …)` would
 * repeat the CASE in every column: measured twice as slow.) Names are scalar subqueries per group, which PostgreSQL
 * runs as a few primary-key lookups instead of hashing the whole departments/categories table.
 */
function tallied<K>(db: Db, taskListId: number, w: StatusWindow, key: RawBuilder<K>) {
  return listOccurrences(db, taskListId)
    .select([
      key.as('k'),
      statusCase(w).as('status'),
      sql<number>`case when ${EFFECTIVE_DUE} <= ${w.today} then 1 else 0 end`.as('due_by'),
      sql<number | string>`count(*)`.as('n'),
    ])
    .groupBy([sql.ref('k'), sql.ref('status'), sql.ref('due_by')])
    .as('g');
}

const countOf = (s: OccurrenceStatus) => sql<number | string>`sum(case when g.status = ${s} then g.n else 0 end)`;

/** Second level: counts by status, the total, and the completion rate's terms (due by asOf, done among them). */
function figureColumns() {
  return [
    sql<number | string>`sum(g.n)`.as('total'),
    countOf('pending').as('pending'),
    countOf('due-soon').as('due_soon'),
    countOf('submitted').as('submitted'),
    countOf('accepted').as('accepted'),
    countOf('returned').as('returned'),
    countOf('overdue').as('overdue'),
    countOf('done-late').as('done_late'),
    sql<number | string>`sum(case when g.due_by = 1 then g.n else 0 end)`.as('due_by_as_of'),
    sql<number | string>`sum(case when g.due_by = 1 and g.status in ('accepted', 'done-late') then g.n else 0 end)`.as(
      'done_by_as_of',
    ),
  ];
}

/** Aggregate columns as the drivers return them (PostgreSQL bigint may be a string). */
export interface FigureRow {
  total: number | string;
  pending: number | string;
  due_soon: number | string;
  submitted: number | string;
  accepted: number | string;
  returned: number | string;
  overdue: number | string;
  done_late: number | string;
  due_by_as_of: number | string;
  done_by_as_of: number | string;
}

export interface YearTaskListRow {
  id: number;
  year: number;
  title: string;
}

export async function findYearTaskList(db: Db, orgUnitId: number, year: number): Promise<YearTaskListRow | undefined> {
  return db
    .selectFrom('task_lists')
    .select(['id', 'year', 'title'])
    .where('org_unit_id', '=', orgUnitId)
    .where('year', '=', year)
    .orderBy('id')
    .executeTakeFirst();
}

export type CategoryFigureRow = FigureRow & { category_id: number | null; seq: number | null; title: string | null };

export async function figuresByCategory(db: Db, taskListId: number, w: StatusWindow): Promise<CategoryFigureRow[]> {
  return db
    .selectFrom(tallied(db, taskListId, w, sql<number | null>`t.category_id`))
    .select((eb) => [
      'g.k as category_id',
      eb.selectFrom('categories as cat').select('cat.seq').whereRef('cat.id', '=', 'g.k').as('seq'),
      eb.selectFrom('categories as cat').select('cat.title').whereRef('cat.id', '=', 'g.k').as('title'),
      ...figureColumns(),
    ])
    .groupBy('g.k')
    .orderBy('seq', (ob) => ob.asc().nullsLast())
    .execute();
}

export type DepartmentFigureRow = FigureRow & { department_id: number; name: string | null };

export async function figuresByDepartment(db: Db, taskListId: number, w: StatusWindow): Promise<DepartmentFigureRow[]> {
  return db
    .selectFrom(tallied(db, taskListId, w, sql<number>`a.department_id`))
    .select((eb) => [
      'g.k as department_id',
      eb.selectFrom('departments as d').select('d.name').whereRef('d.id', '=', 'g.k').as('name'),
      ...figureColumns(),
    ])
    .groupBy('g.k')
    .orderBy('g.k')
    .execute();
}

export type MonthFigureRow = FigureRow & { month: string };

/** By the month of the effective due date ('YYYY-MM'). */
export async function figuresByMonth(db: Db, taskListId: number, w: StatusWindow): Promise<MonthFigureRow[]> {
  return db
    .selectFrom(tallied(db, taskListId, w, sql<string>`substr(${EFFECTIVE_DUE}, 1, 7)`))
    .select(['g.k as month', ...figureColumns()])
    .groupBy('g.k')
    .orderBy('g.k')
    .execute();
}

export interface OverdueRow {
  occurrence_id: number;
  task_id: number;
  task_no: string;
  task_text: string;
  department_id: number;
  department: string;
  period_key: string;
  due: string;
  due_date: string;
  report_state: string;
  /** Every overdue occurrence of the list, before the limit (a window count: list and total in one statement). */
  total_count: number | string;
}

/** The overdue occurrences, most overdue first (then task order, lead department first), with their total. */
export async function listOverdue(db: Db, taskListId: number, w: StatusWindow, limit: number): Promise<OverdueRow[]> {
  return listOccurrences(db, taskListId)
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select((eb) => [
      'o.id as occurrence_id',
      't.id as task_id',
      't.no as task_no',
      't.text as task_text',
      'a.department_id',
      'd.name as department',
      'o.period_key',
      EFFECTIVE_DUE.as('due'),
      'o.due_date',
      'o.report_state',
      eb.fn.countAll<number | string>().over().as('total_count'),
    ])
    .where(statusCase(w), '=', 'overdue')
    .orderBy(EFFECTIVE_DUE)
    .orderBy('t.seq')
    .orderBy('a.seq')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}
