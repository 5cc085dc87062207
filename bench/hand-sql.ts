import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchDatabase } from './bench-database.ts';

/**
 * The dashboard's byDepartment figure written by hand as ONE statement (status CASE counted by department, status
 * and due-by-asOf, then pivoted with conditional sums, the shape the app uses), run straight on the driver: the floor the HTTP dashboard is compared with (dashboardSqlRatio).
 */
const STATEMENT = `
select g.department_id, (select d.name from departments d where d.id = g.department_id) as name, sum(g.n) as total,
  sum(case when g.status = 'pending' then g.n else 0 end) as pending,
  sum(case when g.status = 'due-soon' then g.n else 0 end) as due_soon,
  sum(case when g.status = 'submitted' then g.n else 0 end) as submitted,
  sum(case when g.status = 'accepted' then g.n else 0 end) as accepted,
  sum(case when g.status = 'returned' then g.n else 0 end) as returned,
  sum(case when g.status = 'overdue' then g.n else 0 end) as overdue,
  sum(case when g.status = 'done-late' then g.n else 0 end) as done_late,
  sum(case when g.due_by = 1 then g.n else 0 end) as due_by_as_of,
  sum(case when g.due_by = 1 and g.status in ('accepted', 'done-late') then g.n else 0 end) as done_by_as_of
from (
  select a.department_id,
    case
      when o.report_state = 'accepted' then
        case when o.accepted_at is not null and o.accepted_at > coalesce(o.extended_due, o.due_date)
          then 'done-late' else 'accepted' end
      when o.report_state = 'submitted' then 'submitted'
      when ? > coalesce(o.extended_due, o.due_date) then 'overdue'
      when o.report_state = 'returned' then 'returned'
      when coalesce(o.extended_due, o.due_date) <= ? then 'due-soon'
      else 'pending'
    end as status,
    case when coalesce(o.extended_due, o.due_date) <= ? then 1 else 0 end as due_by,
    count(*) as n
  from task_lists l
  join tasks t on t.task_list_id = l.id
  join assignments a on a.task_id = t.id
  join occurrences o on o.assignment_id = a.id
  where l.org_unit_id = ? and l.year = ?
  group by a.department_id, status, due_by
) g
group by g.department_id`;

export interface HandQuery {
  run(): Promise<number>;
  close(): Promise<void>;
}

/** Prepares the statement for a unit, year and asOf; `run()` returns the number of department rows. */
export async function openHandQuery(
  bench: BenchDatabase,
  orgUnitId: number,
  year: number,
  asOf: string,
): Promise<HandQuery> {
  const values = [asOf, addDays(asOf, DUE_SOON_DAYS), asOf, orgUnitId, year];
  if (bench.dialect === 'sqlite') {
    const db = new SQLite(bench.target, { readonly: true });
    return {
      // Prepared per call, as Kysely's SQLite driver does for the app's queries.
      run: async () => db.prepare(STATEMENT).all(...values).length,
      close: async () => {
        db.close();
      },
    };
  }
  let n = 0;
  const text = STATEMENT.replace(/\?/g, () => `$${++n}`);
  const client = new pg.Client({ connectionString: bench.target });
  await client.connect();
  return {
    run: async () => (await client.query(text, values)).rowCount ?? 0,
    close: () => client.end(),
  };
}
