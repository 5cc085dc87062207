import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HazardSummaryTable } from '../../db/schema.ts';
import { industrySelect, summarySelect } from './hazard-summary.repository.ts';
import type { HazardScope } from './hazards.policy.ts';

// The statistics' SQL. A whole unit (office, leaders) reads the summary tables (hazard-summary.repository.ts); a
// scope limited to some enterprises (a department, an enterprise account) groups its few hazards the same way on
// the fly. Overdue depends on the day and listings are few: both are counted from the rows (a partial index and
// hazard_listings). Org units and the industry catalogue are read for labels.

export interface StatsUnit {
  id: number;
  name: string;
}

/** The unit and every unit below it (province → city → zone), the unit first. */
export async function selectUnitTree(db: Db, orgUnitId: number): Promise<StatsUnit[]> {
  const r = await sql<StatsUnit & { depth: number }>`
    with recursive t(id, depth) as (
      select id, 0 from org_units where id = ${orgUnitId}
      union all select o.id, t.depth + 1 from org_units o join t on o.parent_id = t.id
    )
    select o.id, o.name, t.depth from t join org_units o on o.id = t.id order by t.depth, o.id`.execute(db);
  return r.rows.map((u) => ({ id: Number(u.id), name: u.name }));
}

function inScope(scope: HazardScope, unitIds: number[]) {
  const units = sql`h.org_unit_id in (${sql.join(unitIds)})`;
  if (scope.enterpriseIds === null) return units;
  if (scope.enterpriseIds.length === 0) return sql`1 = 0`;
  return sql`${units} and h.enterprise_id in (${sql.join(scope.enterpriseIds)})`;
}

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * The counts the statistics group: the summary table for a whole unit, or the same grouping of the scope's own
 * hazards on the fly (a department's or an enterprise's few).
 */
function counts(scope: HazardScope, unitIds: number[]) {
  return scope.enterpriseIds === null
    ? sql`(select org_unit_id, found_month, closed_month, channel, level, status, n from hazard_summary
        where org_unit_id in (${sql.join(unitIds)}) and n <> 0)`
    : sql`(${summarySelect(inScope(scope, unitIds))})`;
}

/** hazard_summary's key columns and the summed count (raw SQL: typed here, converted to numbers below). */
export type YearCountRow = Pick<
  Selectable<HazardSummaryTable>,
  'org_unit_id' | 'found_month' | 'channel' | 'level' | 'status' | 'n'
>;

/** Hazards found in the year by unit × month × channel × level × status. */
export async function selectYearCounts(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
  year: number,
): Promise<YearCountRow[]> {
  const r = await sql<YearCountRow>`
    select s.org_unit_id, s.found_month, s.channel, s.level, s.status, sum(s.n) as n from ${counts(scope, unitIds)} s
    where s.found_month >= ${`${year}-01`} and s.found_month <= ${`${year}-12`}
    group by s.org_unit_id, s.found_month, s.channel, s.level, s.status`.execute(db);
  return r.rows.map((x) => ({ ...x, org_unit_id: Number(x.org_unit_id), n: Number(x.n) }));
}

/** Hazards closed (销号) in each month of the year, whenever they were found. */
export async function selectClosedByMonth(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
  year: number,
): Promise<{ month: string; n: number }[]> {
  const r = await sql<{ month: string; n: number }>`
    select s.closed_month as month, sum(s.n) as n from ${counts(scope, unitIds)} s
    where s.closed_month >= ${`${year}-01`} and s.closed_month <= ${`${year}-12`}
    group by s.closed_month`.execute(db);
  return r.rows.map((x) => ({ month: x.month, n: Number(x.n) }));
}

/** The 2023-and-earlier stock by level and closed. */
export async function selectStock(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
): Promise<{ level: string; closed: number; n: number }[]> {
  const r = await sql<{ level: string; closed: number; n: number }>`
    select s.level, case when s.status = 'closed' then 1 else 0 end as closed, sum(s.n) as n
    from ${counts(scope, unitIds)} s where s.found_month < '2024-01'
    group by s.level, case when s.status = 'closed' then 1 else 0 end`.execute(db);
  return r.rows.map((x) => ({ level: x.level, closed: Number(x.closed), n: Number(x.n) }));
}

/** Hazards found in the year per industry (catalogue id) and closed flag. */
export async function selectIndustryRows(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
  year: number,
): Promise<{ catalogue_id: number; closed: number; n: number }[]> {
  const source =
    scope.enterpriseIds === null
      ? sql`(select found_month, catalogue_id, closed, n from hazard_industry_summary
          where org_unit_id in (${sql.join(unitIds)}))`
      : sql`(${industrySelect(inScope(scope, unitIds))})`;
  const r = await sql<{ catalogue_id: number; closed: number; n: number }>`
    select s.catalogue_id, s.closed, sum(s.n) as n from ${source} s
    where s.found_month >= ${`${year}-01`} and s.found_month <= ${`${year}-12`}
    group by s.catalogue_id, s.closed`.execute(db);
  return r.rows.map((x) => ({ catalogue_id: Number(x.catalogue_id), closed: Number(x.closed), n: Number(x.n) }));
}

/** Open hazards found in the year whose time limit is past (hazards_open_limit_idx). */
export async function selectOverdue(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
  year: number,
  today: string,
): Promise<number> {
  const { from, to } = yearRange(year);
  const r = await sql<{ n: number }>`
    select count(*) as n from hazards h
    where ${inScope(scope, unitIds)} and h.status not in ('closed', 'accepted') and h.time_limit is not null
      and h.time_limit < ${today} and h.found_on >= ${from} and h.found_on <= ${to}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Listed (挂牌督办) hazards found in the year: found and closed (listings are few: start from them). */
export async function selectListedOfYear(
  db: Db,
  scope: HazardScope,
  unitIds: number[],
  year: number,
): Promise<{ found: number; closed: number }> {
  const { from, to } = yearRange(year);
  const r = await sql<{ found: number; closed: number }>`
    select count(*) as found, coalesce(sum(case when h.status = 'closed' then 1 else 0 end), 0) as closed
    from hazard_listings l join hazards h on h.id = l.hazard_id
    where l.org_unit_id in (${sql.join(unitIds)}) and h.found_on >= ${from} and h.found_on <= ${to}
      and ${inScope(scope, unitIds)}`.execute(db);
  return { found: Number(r.rows[0]?.found ?? 0), closed: Number(r.rows[0]?.closed ?? 0) };
}

/** The industries of the catalogue (labels and order of the statistics). */
export async function selectIndustryLabels(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db
    .selectFrom('industry_catalogue')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'industry')
    .orderBy('seq')
    .orderBy('id')
    .execute();
}
