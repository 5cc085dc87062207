import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchDatabase } from './bench-database.ts';

/**
 * What GET /api/dashboard computes, written by hand and run straight on the driver (pg `Client`, better-sqlite3):
 * the floor the HTTP dashboard is compared with (dashboardSqlRatio). The endpoint issues two statements, each
 * finding the unit's list of the year itself (LIST, a subquery), so there are two here too: the SQL of
 * apps/server/src/modules/documents/dashboard.repository.ts written out by hand:
 * - FIGURES: the list's occurrences counted by (category, department, due month, status, due by asOf), plus one
 *   row per category and per department for the names and one for the list itself: everything byCategory,
 *   byDepartment, byMonth, the totals and the overdue count are summed from (the sums over a few thousand rows are
 *   left to the client, as in the app).
 * - OVERDUE: the 200 most overdue occurrences with task text and department name.
 */
const LIST = `(select yl.id from task_lists yl where yl.org_unit_id = :unit and yl.year = :year order by yl.id limit 1)`;

const STATUS = `case
      when o.report_state = 'accepted' then
        case when o.accepted_at is not null and o.accepted_at > coalesce(o.extended_due, o.due_date)
          then 'done-late' else 'accepted' end
      when o.report_state = 'submitted' then 'submitted'
      when :today > coalesce(o.extended_due, o.due_date) then 'overdue'
      when o.report_state = 'returned' then 'returned'
      when coalesce(o.extended_due, o.due_date) <= :soon then 'due-soon'
      else 'pending'
    end`;

const FIGURES = `
select 'group' as kind, t.category_id, a.department_id, substr(coalesce(o.extended_due, o.due_date), 1, 7) as month,
  ${STATUS} as status,
  case when coalesce(o.extended_due, o.due_date) <= :today then 1 else 0 end as due_by,
  case when r.kind = 'once' then 0 else 1 end as recurring,
  count(*) as n, null as seq, null as label
from occurrences o
join assignments a on a.id = o.assignment_id
join tasks t on t.id = a.task_id
join schedule_rules r on r.id = o.rule_id
where t.task_list_id = ${LIST}
group by t.category_id, a.department_id, month, status, due_by, recurring
union all
select 'category', c.id, null, null, null, null, null, null, c.seq, c.title
from categories c
where c.task_list_id = ${LIST}
union all
select 'department', null, x.department_id, null, null, null, null, null, null,
  (select d.name from departments d where d.id = x.department_id)
from (
  select distinct a.department_id
  from assignments a
  join tasks t on t.id = a.task_id
  where t.task_list_id = ${LIST}
) x
union all
select 'list', null, null, null, null, null, null, l.id, l.year, l.title
from task_lists l
where l.id = ${LIST}`;

const OVERDUE = `
select x.occurrence_id, x.task_id, t.no as task_no, t.text as task_text, x.department_id, d.name as department,
  x.period_key, x.due, x.due_date, x.report_state
from (
  select o.id as occurrence_id, a.task_id, a.department_id, o.period_key,
    coalesce(o.extended_due, o.due_date) as due, o.due_date, o.report_state, t.seq as task_seq, a.seq as assignment_seq
  from occurrences o
  join assignments a on a.id = o.assignment_id
  join tasks t on t.id = a.task_id
  where t.task_list_id = ${LIST} and ${STATUS} = 'overdue'
  order by coalesce(o.extended_due, o.due_date), t.seq, a.seq, o.id
  limit 200
) x
join tasks t on t.id = x.task_id
join departments d on d.id = x.department_id
order by x.due, x.task_seq, x.assignment_seq, x.occurrence_id`;

type Params = Record<'today' | 'soon' | 'unit' | 'year', string | number>;

/** `:name` placeholders → `?` (SQLite) or `$n` (PostgreSQL), with the values in order. */
function bind(
  text: string,
  params: Params,
  dialect: 'sqlite' | 'postgres',
): { text: string; values: (string | number)[] } {
  const values: (string | number)[] = [];
  const out = text.replace(/:(today|soon|unit|year)\b/g, (_, name: keyof Params) => {
    values.push(params[name]);
    return dialect === 'sqlite' ? '?' : `$${values.length}`;
  });
  return { text: out, values };
}

export interface HandQuery {
  /** FIGURES then OVERDUE, back to back on one connection: what the endpoint computes (the ratio's denominator). */
  run(): Promise<number>;
  /** FIGURES alone. */
  figures(): Promise<number>;
  /** OVERDUE alone. */
  overdue(): Promise<number>;
  /**
   * Both statements at the same time on two connections, as the endpoint issues them on PostgreSQL (pool);
   * on SQLite the same as run() (the app's single connection runs them one after the other).
   */
  concurrent(): Promise<number>;
  close(): Promise<void>;
}

/** Prepares the statements for a unit, year and asOf; each call returns the number of rows read. */
export async function openHandQuery(
  bench: BenchDatabase,
  orgUnitId: number,
  year: number,
  asOf: string,
): Promise<HandQuery> {
  const params: Params = { today: asOf, soon: addDays(asOf, DUE_SOON_DAYS), unit: orgUnitId, year };
  const figures = bind(FIGURES, params, bench.dialect);
  const overdue = bind(OVERDUE, params, bench.dialect);
  if (bench.dialect === 'sqlite') {
    const db = new SQLite(bench.target, { readonly: true });
    // Prepared per call, as Kysely's SQLite driver does for the app's queries.
    const all = (q: typeof figures) => db.prepare(q.text).all(...q.values).length;
    const run = async () => all(figures) + all(overdue);
    return {
      run,
      figures: async () => all(figures),
      overdue: async () => all(overdue),
      concurrent: run,
      close: async () => {
        db.close();
      },
    };
  }
  const first = new pg.Client({ connectionString: bench.target });
  const second = new pg.Client({ connectionString: bench.target });
  await first.connect();
  await second.connect();
  const query = async (client: pg.Client, q: typeof figures) => (await client.query(q.text, q.values)).rowCount ?? 0;
  return {
    run: async () => (await query(first, figures)) + (await query(first, overdue)),
    figures: () => query(first, figures),
    overdue: () => query(first, overdue),
    concurrent: async () => {
      const [a, b] = await Promise.all([query(first, figures), query(second, overdue)]);
      return a + b;
    },
    close: async () => {
      await first.end();
      await second.end();
    },
  };
}
