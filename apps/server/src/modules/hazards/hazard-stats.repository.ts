import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HazardScope } from './hazards.policy.ts';

// The statistics' SQL: grouped statements over hazards (plus enterprises' industries and locality, read-only).

export interface StatsGroupRow {
  channel: string;
  level: string;
  status: string;
  month: string;
  overdue: number;
  n: number;
}

function scoped(scope: HazardScope) {
  return scope.enterpriseIds === null
    ? sql``
    : scope.enterpriseIds.length === 0
      ? sql` and 1 = 0`
      : sql` and h.enterprise_id in (${sql.join(scope.enterpriseIds)})`;
}

/** Hazards found in the year grouped by channel × level × status × month × overdue (from one covering index). */
export async function selectYearGroups(
  db: Db,
  scope: HazardScope,
  year: number,
  today: string,
): Promise<StatsGroupRow[]> {
  const r = await sql<StatsGroupRow>`
    select h.channel, h.level, h.status, substr(h.found_on, 1, 7) as month,
      case when h.status not in ('closed', 'accepted') and h.time_limit is not null and h.time_limit < ${today}
        then 1 else 0 end as overdue,
      count(*) as n
    from hazards h
    where h.org_unit_id = ${scope.orgUnitId} and h.found_on >= ${`${year}-01-01`} and h.found_on <= ${`${year}-12-31`}
      ${scoped(scope)}
    group by 1, 2, 3, 4, 5`.execute(db);
  return r.rows.map((x) => ({ ...x, n: Number(x.n), overdue: Number(x.overdue) }));
}

/** Listed (挂牌督办) hazards found in the year: found and closed (listings are few: start from them). */
export async function selectListedOfYear(
  db: Db,
  scope: HazardScope,
  year: number,
): Promise<{ found: number; closed: number }> {
  const r = await sql<{ found: number; closed: number }>`
    select count(*) as found, coalesce(sum(case when h.status = 'closed' then 1 else 0 end), 0) as closed
    from hazard_listings l join hazards h on h.id = l.hazard_id
    where l.org_unit_id = ${scope.orgUnitId} and h.found_on >= ${`${year}-01-01`} and h.found_on <= ${`${year}-12-31`}
      ${scoped(scope)}`.execute(db);
  return { found: Number(r.rows[0]?.found ?? 0), closed: Number(r.rows[0]?.closed ?? 0) };
}

/** Months in which hazards of the year were closed (销号), for found/closed by month. */
export async function selectClosedByMonth(
  db: Db,
  scope: HazardScope,
  year: number,
): Promise<{ month: string; n: number }[]> {
  const r = await sql<{ month: string; n: number }>`
    select substr(h.closed_on, 1, 7) as month, count(*) as n from hazards h
    where h.org_unit_id = ${scope.orgUnitId} and h.closed_on >= ${`${year}-01-01`} and h.closed_on <= ${`${year}-12-31`}
      ${scoped(scope)}
    group by 1`.execute(db);
  return r.rows.map((x) => ({ month: x.month, n: Number(x.n) }));
}

/** The 2023-and-earlier stock: total and closed, all levels and major only. */
export async function selectStock(db: Db, scope: HazardScope): Promise<{ level: string; closed: number; n: number }[]> {
  const r = await sql<{ level: string; closed: number; n: number }>`
    select h.level, case when h.status = 'closed' then 1 else 0 end as closed, count(*) as n from hazards h
    where h.org_unit_id = ${scope.orgUnitId} and h.found_on < '2024-01-01' ${scoped(scope)}
    group by 1, 2`.execute(db);
  return r.rows.map((x) => ({ level: x.level, closed: Number(x.closed), n: Number(x.n) }));
}

export interface KeyedCount {
  key: string;
  label: string;
  total: number;
  closed: number;
}

/** Hazards of the year by the enterprise's industries (an enterprise in two industries counts in both). */
export async function selectByIndustry(db: Db, scope: HazardScope, year: number): Promise<KeyedCount[]> {
  const r = await sql<KeyedCount>`
    select c.code as key, c.name as label, count(*) as total,
      sum(case when h.status = 'closed' then 1 else 0 end) as closed
    from hazards h
    join enterprise_industries ei on ei.enterprise_id = h.enterprise_id
    join industry_catalogue c on c.id = ei.catalogue_id and c.kind = 'industry'
    where h.org_unit_id = ${scope.orgUnitId} and h.found_on >= ${`${year}-01-01`} and h.found_on <= ${`${year}-12-31`}
      ${scoped(scope)}
    group by c.code, c.name, c.seq order by c.seq`.execute(db);
  return r.rows.map((x) => ({ ...x, total: Number(x.total), closed: Number(x.closed) }));
}

/** Hazards of the year by the enterprise's 属地 (locality inside the unit). */
export async function selectByLocality(db: Db, scope: HazardScope, year: number): Promise<KeyedCount[]> {
  const r = await sql<KeyedCount>`
    select e.locality as key, e.locality as label, count(*) as total,
      sum(case when h.status = 'closed' then 1 else 0 end) as closed
    from hazards h join enterprises e on e.id = h.enterprise_id
    where h.org_unit_id = ${scope.orgUnitId} and h.found_on >= ${`${year}-01-01`} and h.found_on <= ${`${year}-12-31`}
      ${scoped(scope)}
    group by e.locality order by count(*) desc`.execute(db);
  return r.rows.map((x) => ({
    ...x,
    label: x.label || '（未填属地）',
    total: Number(x.total),
    closed: Number(x.closed),
  }));
}
