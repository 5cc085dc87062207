import { type RawBuilder, sql } from 'kysely';
import type { Db, DialectName } from '../apps/server/src/db/database.ts';
import { periodValues } from './periods.ts';
import { DATA_AS_OF, type Scale, YEARS } from './scales.ts';

/**
 * The synthetic data generator. Every row is made server-side by INSERT … SELECT over a number series
 * (PostgreSQL: generate_series; SQLite: a recursive CTE), so nothing is streamed from Node. Ids of the structural
 * tables are arithmetic (e.g. task id = (list id - 1) * tasksPerList + seq), which keeps every foreign key real
 * without lookups; the sequences are moved past them afterwards. Occurrences and reports take serial ids. Rows are
 * inserted in key order (a task's assignments, an assignment's occurrences together), as an import writes them.
 *
 * Data shape per unit: one campaign, a task list per year (2024–2026) with 11 categories, `tasksPerList` tasks,
 * `departmentsPerUnit` departments with one user each plus an office user; each task has 1..maxDepartments
 * departments (every `allDepartmentsEvery`-th task: all of them), a monthly/quarterly/half-yearly/yearly rule and
 * on every third task a half-yearly summary rule. Report states follow DATA_AS_OF: before it `reportPercent` of the
 * occurrences were reported (70% accepted, a sixth of those late; 15% submitted; 10% returned; 5% draft), the
 * rest are overdue (10% of them extended by 30 days); after it 4% are drafts or early submissions.
 */

const CATEGORIES = 11;
const NOW = '2025-07-01T00:00:00.000Z';
/** Not an argon2 hash: the generated users cannot sign in (the benchmark's own users are made with createUser). */
const NO_LOGIN_HASH = '!bench-no-login';

export interface GenerateResult {
  occurrences: number;
  reports: number;
}

type Log = (message: string) => void;

function series(dialect: DialectName, alias: string, count: number): RawBuilder<unknown> {
  const a = sql.raw(alias);
  if (dialect === 'postgres') return sql`generate_series(1, ${sql.lit(count)}) as ${a}(n)`;
  return sql`(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${sql.lit(count)}) select n from r) as ${a}`;
}

/** The structural rows: units, campaigns, lists, categories, tasks, departments, users, assignments, rules. */
async function generateStructure(db: Db, dialect: DialectName, s: Scale): Promise<void> {
  const T = sql.lit(s.tasksPerList);
  const D = sql.lit(s.departmentsPerUnit);
  const C = sql.lit(CATEGORIES);
  const Y = sql.lit(YEARS.length);
  const firstYear = sql.lit(YEARS[0] - 1);
  await sql`insert into org_units (id, parent_id, code, name, level, created_at)
    select u.n, null, 'bench-' || u.n, '基准开发区' || u.n, 'zone', ${NOW} from ${series(dialect, 'u', s.units)}`.execute(
    db,
  );
  await sql`insert into campaigns (id, org_unit_id, code, name, start_year, end_year, report_cadence, created_at)
    select u.n, u.n, 'zbgj-2024-2026', '安全生产治本攻坚三年行动', 2024, 2026, 'quarterly', ${NOW}
    from ${series(dialect, 'u', s.units)}`.execute(db);
  await sql`insert into task_lists (id, org_unit_id, campaign_id, year, title, source_name, source_format,
      source_sha256, source_bytes, imported_at, updated_at)
    select (u.n - 1) * ${Y} + y.n, u.n, u.n, ${firstYear} + y.n, '基准任务清单', 'bench.txt', 'seed', 'bench',
      ${Buffer.from('bench')}, ${NOW}, ${NOW}
    from ${series(dialect, 'u', s.units)} cross join ${series(dialect, 'y', YEARS.length)}
    order by 1`.execute(db);
  await sql`insert into categories (id, task_list_id, seq, title)
    select (l.id - 1) * ${C} + c.n, l.id, c.n, '（' || c.n || '）开展基准专项行动'
    from task_lists l cross join ${series(dialect, 'c', CATEGORIES)}
    order by 1`.execute(db);
  const kind = sql`case when (t.n * 11) % 20 < 12 then '每月底前' when (t.n * 11) % 20 < 17 then '每季度末'
    when (t.n * 11) % 20 < 19 then '每半年' else '每年底前' end`;
  await sql`insert into tasks (id, task_list_id, category_id, seq, no, text, departments_text, deadline_text,
      deadline_needs_review, deadline_unparsed, deadline_ongoing, source_progress, source_row)
    select (l.id - 1) * ${T} + t.n, l.id, (l.id - 1) * ${C} + (t.n - 1) * ${C} / ${T} + 1, t.n, cast(t.n as text),
      '基准任务' || t.n || '：严格落实安全生产责任，定期开展隐患排查治理并报送工作进展', '基准部门', ${kind},
      0, '[]', 0, null, t.n
    from task_lists l cross join ${series(dialect, 't', s.tasksPerList)}
    order by 1`.execute(db);
  await sql`insert into departments (id, org_unit_id, name, kind, confirmed, created_at)
    select (u.n - 1) * ${D} + d.n, u.n, '基准部门' || d.n, 'department', 1, ${NOW}
    from ${series(dialect, 'u', s.units)} cross join ${series(dialect, 'd', s.departmentsPerUnit)}
    order by 1`.execute(db);
  // Users: per unit the office user (slot 1) and one user per department (slot 1 + d).
  await sql`insert into users (id, org_unit_id, username, display_name, role, department_id, password_hash,
      disabled, created_at)
    select (u.n - 1) * (${D} + 1) + d.n, u.n, 'bench-' || u.n || '-' || d.n, '基准用户',
      case when d.n = 1 then 'office_staff' else 'department' end,
      case when d.n = 1 then null else (u.n - 1) * ${D} + d.n - 1 end, ${NO_LOGIN_HASH}, 0, ${NOW}
    from ${series(dialect, 'u', s.units)} cross join ${series(dialect, 'd', s.departmentsPerUnit + 1)}
    order by 1`.execute(db);
  // Assignments: slot j (0-based) of task t is department ((seq * 13 + j * 17) mod D) + 1 of the task's unit.
  const count = sql`case when t.seq % ${sql.lit(s.allDepartmentsEvery)} = 0 then ${D}
    else 1 + (t.seq * 7) % ${sql.lit(s.maxDepartments)} end`;
  await sql`insert into assignments (id, task_id, department_id, role, via_group_id, seq)
    select (t.id - 1) * ${D} + j.n, t.id, ((t.task_list_id - 1) / ${Y}) * ${D} + (t.seq * 13 + (j.n - 1) * 17) % ${D} + 1,
      case when j.n = 1 then 'lead' else 'co' end, null, j.n
    from tasks t cross join ${series(dialect, 'j', s.departmentsPerUnit)}
    where j.n <= ${count}
    order by 1`.execute(db);
  // Rule 1 of every task from its deadline; rule 2 (a half-yearly summary) on every third task.
  await sql`insert into schedule_rules (id, task_id, seq, kind, spec, min_count, condition, source)
    select (t.id - 1) * 2 + r.n, t.id, r.n,
      case when r.n = 2 then 'halfyearly' when (t.seq * 11) % 20 < 12 then 'monthly'
        when (t.seq * 11) % 20 < 17 then 'quarterly' when (t.seq * 11) % 20 < 19 then 'halfyearly' else 'yearly' end,
      '{}', 1, null, t.deadline_text
    from tasks t cross join ${series(dialect, 'r', 2)}
    where r.n = 1 or t.seq % 3 = 0
    order by 1`.execute(db);
}

/** Occurrences of the lists of units [from, to]: assignment × rule × period of the rule's kind in the list year. */
async function generateOccurrences(db: Db, s: Scale, from: number, to: number): Promise<void> {
  const recent = sql.lit('2025-06-25');
  await sql`insert into occurrences (assignment_id, rule_id, period_key, window_start, due_date, min_count, condition,
      report_state, submitted_at, accepted_at, extended_due, department_id, version)
    with p(kind, year, seq, period_key, window_start, due_date, past, d_m5, d_m3, d_m1, d_p7, d_p9, d_p30) as (
      values ${periodValues()}
    ),
    base as (
      select a.id as assignment_id, r.id as rule_id, a.department_id, p.period_key, p.window_start, p.due_date,
        p.past, p.d_m5, p.d_m3, p.d_m1, p.d_p7, p.d_p9, p.d_p30,
        (a.id * 37 + p.seq * 101 + r.id * 13) % 100 as h1,
        (a.id * 53 + p.seq * 29 + r.id * 7) % 100 as h2
      from assignments a
      join tasks t on t.id = a.task_id
      join task_lists l on l.id = t.task_list_id
      join schedule_rules r on r.task_id = t.id
      join p on p.kind = r.kind and p.year = l.year
      where l.org_unit_id between ${sql.lit(from)} and ${sql.lit(to)}
    ),
    st as (
      select base.*,
        case
          when past = 1 and h1 < ${sql.lit(s.reportPercent)} then
            case when h2 < 70 then 'accepted' when h2 < 85 then 'submitted' when h2 < 95 then 'returned' else 'draft' end
          when past = 0 and h1 < 4 then case when h2 < 50 then 'draft' else 'submitted' end
          else 'none'
        end as state
      from base
    )
    select assignment_id, rule_id, period_key, window_start, due_date, 1, null, state,
      case
        when state = 'accepted' and h2 < 60 then d_m5
        when state = 'accepted' then d_p7
        when state = 'submitted' and past = 1 then d_m1
        when state = 'submitted' then ${recent}
        when state = 'returned' then d_m3
      end,
      case when state = 'accepted' and h2 < 60 then d_m3 when state = 'accepted' then d_p9 end,
      case when state = 'none' and past = 1 and h2 < 10 then d_p30 end,
      department_id, 1
    from st
    order by assignment_id, rule_id, due_date`.execute(db);
}

/**
 * Reports of the occurrences of units [from, to]: the current report of every occurrence with a report state
 * (filed by the department's user, reviewed by the unit's office user), and for some an earlier returned one.
 */
async function generateReports(db: Db, s: Scale, from: number, to: number): Promise<void> {
  const D = sql.lit(s.departmentsPerUnit);
  const author = sql`((o.department_id - 1) / ${D}) * (${D} + 1) + (o.department_id - 1) % ${D} + 2`;
  const reviewer = sql`((o.department_id - 1) / ${D}) * (${D} + 1) + 1`;
  const unit = sql`(o.department_id - 1) / ${D} + 1`;
  const range = sql`o.department_id between ${sql.lit((from - 1) * s.departmentsPerUnit + 1)}
    and ${sql.lit(to * s.departmentsPerUnit)}`;
  await sql`insert into reports (org_unit_id, occurrence_id, department_id, text, work_date, status, return_reason,
      created_by, created_at, updated_at, submitted_at, reviewed_by, reviewed_at, version)
    select ${unit}, o.id, o.department_id, '已按要求开展本期工作，相关材料已整理归档。',
      coalesce(o.submitted_at, o.window_start), o.report_state,
      case when o.report_state = 'returned' then '佐证材料不全，请补充后重新报送' end,
      ${author}, coalesce(o.submitted_at, o.window_start) || 'T01:00:00.000Z',
      coalesce(o.accepted_at, o.submitted_at, o.window_start) || 'T08:00:00.000Z',
      case when o.submitted_at is null then null else o.submitted_at || 'T01:00:00.000Z' end,
      case when o.report_state in ('accepted', 'returned') then ${reviewer} end,
      case when o.report_state = 'accepted' then o.accepted_at || 'T08:00:00.000Z'
        when o.report_state = 'returned' then o.submitted_at || 'T08:00:00.000Z' end,
      1
    from occurrences o
    where o.report_state <> 'none' and ${range}
    order by o.id`.execute(db);
  await sql`insert into reports (org_unit_id, occurrence_id, department_id, text, work_date, status, return_reason,
      created_by, created_at, updated_at, submitted_at, reviewed_by, reviewed_at, version)
    select ${unit}, o.id, o.department_id, '本期工作正在推进。', o.window_start, 'returned',
      '内容过于笼统，请补充具体措施和成效', ${author}, o.window_start || 'T01:00:00.000Z',
      o.window_start || 'T08:00:00.000Z', o.window_start || 'T01:00:00.000Z', ${reviewer},
      o.window_start || 'T08:00:00.000Z', 1
    from occurrences o
    where o.report_state in ('accepted', 'submitted') and (o.id * 7) % 100 < ${sql.lit(s.historyPercent)} and ${range}
    order by o.id`.execute(db);
}

const EXPLICIT_ID_TABLES = [
  'org_units',
  'campaigns',
  'task_lists',
  'categories',
  'tasks',
  'departments',
  'users',
  'assignments',
  'schedule_rules',
] as const;

async function countRows(db: Db, table: 'occurrences' | 'reports'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Fills a freshly migrated database with the scale's data; PostgreSQL is vacuumed and analysed afterwards. */
export async function generate(db: Db, dialect: DialectName, s: Scale, log: Log): Promise<GenerateResult> {
  if (s.departmentsPerUnit % 17 === 0) throw new Error('departmentsPerUnit must not be a multiple of 17');
  if (DATA_AS_OF.slice(0, 4) !== '2025') throw new Error('DATA_AS_OF is expected in 2025');
  const chunk = dialect === 'postgres' ? Math.max(1, Math.ceil(s.units / 10)) : s.units;
  const fill = async (trx: Db) => {
    await generateStructure(trx, dialect, s);
    log('  structure done (units, lists, tasks, departments, users, assignments, rules)');
    for (let from = 1; from <= s.units; from += chunk) {
      const to = Math.min(s.units, from + chunk - 1);
      await generateOccurrences(trx, s, from, to);
      await generateReports(trx, s, from, to);
      if (s.units > 1) log(`  occurrences and reports of units ${from}–${to} done`);
    }
  };
  if (dialect === 'sqlite') {
    await db.transaction().execute(fill);
    await sql`analyze`.execute(db);
  } else {
    await fill(db);
    for (const table of EXPLICIT_ID_TABLES) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      );
    }
    log('  vacuum analyze');
    await sql`vacuum analyze`.execute(db);
  }
  return { occurrences: await countRows(db, 'occurrences'), reports: await countRows(db, 'reports') };
}
