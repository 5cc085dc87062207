import { type RawBuilder, sql } from 'kysely';
import type { Db, DialectName } from '../apps/server/src/db/database.ts';
import { rebuildHazardSummary } from '../apps/server/src/modules/hazards/hazard-summary.repository.ts';

/**
 * Synthetic enterprises and hazards for `endpoints.hazards` / `endpoints.hazardStats` (issue 11), server-side
 * INSERT … SELECT like generate.ts. Enterprises are spread over the units with unit 1 (the one the benchmark reads)
 * holding every 5th one, so the benched zone is a heavy one (20 % of the province's hazards) while the tables hold
 * the whole province. Hazards: found 2022-01 … 2025-10, 60 % closed (each with its passed acceptance, so the 销号
 * trigger stays on), 4 % major, every 50th listed; every enterprise has one industry and one supervising department.
 */
export interface HazardScale {
  enterprises: number;
  hazards: number;
}

export const HAZARD_SCALES: Record<'city' | 'province', HazardScale> = {
  city: { enterprises: 2_000, hazards: 20_000 },
  province: { enterprises: 100_000, hazards: 1_000_000 },
};

const NOW = '2025-07-01T00:00:00.000Z';

function series(dialect: DialectName, alias: string, count: number): RawBuilder<unknown> {
  const a = sql.raw(alias);
  if (dialect === 'postgres') return sql`generate_series(1, ${sql.lit(count)}) as ${a}(n)`;
  return sql`(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${sql.lit(count)}) select n from r) as ${a}`;
}

export async function generateHazards(
  db: Db,
  dialect: DialectName,
  units: number,
  departmentsPerUnit: number,
  s: HazardScale,
  log: (m: string) => void,
): Promise<{ enterprises: number; hazards: number; benchedUnitHazards: number }> {
  const pg = dialect === 'postgres';
  const E = sql.lit(s.enterprises);
  const U1 = sql.lit(Math.max(1, units - 1));
  const D = sql.lit(departmentsPerUnit);
  const unitOf = (e: RawBuilder<unknown>) =>
    units === 1 ? sql`1` : sql`(case when ${e} % 5 = 0 then 1 else 2 + (${e} % ${U1}) end)`;
  const pad = pg ? sql`lpad(cast(e.n as text), 16, '0')` : sql`substr('0000000000000000' || e.n, -16)`;
  const day = (base: string, offset: RawBuilder<unknown>) =>
    pg
      ? sql`to_char(date ${sql.lit(base)} + cast(${offset} as integer), 'YYYY-MM-DD')`
      : sql`date(${base}, '+' || (${offset}) || ' days')`;

  await sql`insert into enterprises (id, org_unit_id, name, credit_code, locality, high_risk, status, created_at, updated_at)
    select e.n, ${unitOf(sql`e.n`)}, '基准企业' || e.n, '91' || ${pad}, '街道' || (e.n % 12), case when e.n % 7 = 0 then 1 else 0 end,
      'operating', ${NOW}, ${NOW}
    from ${series(dialect, 'e', s.enterprises)}`.execute(db);
  await sql`insert into enterprise_supervisors (enterprise_id, department_id, role)
    select e.id, (e.org_unit_id - 1) * ${D} + 1 + (e.id % ${D}), 'industry' from enterprises e`.execute(db);
  await sql`insert into enterprise_industries (enterprise_id, catalogue_id)
    select e.id, c.id from enterprises e
    join (select id, row_number() over (order by id) - 1 as k, count(*) over () as m from industry_catalogue
      where kind = 'industry') c on c.k = e.id % c.m`.execute(db);
  log(`  ${s.enterprises} enterprises`);

  const found = day('2022-01-01', sql`(h.n * 37) % 1400`);
  // Closed rows are written closed (the 销号 trigger is off during the bulk insert on PostgreSQL and the passed
  // acceptances are written right after, so the data obeys the rule; SQLite gets the same rows through an update).
  const status = sql`case when h.n % 10 < 6 and h.n % 10 <> 5 then ${sql.lit(pg ? 'closed' : 'accepted')}
    when h.n % 10 = 5 then 'accepted' when h.n % 10 = 6 then 'rectifying'
    when h.n % 10 = 7 then 'reported' when h.n % 10 = 8 then 'confirmed' else 'acceptance_requested' end`;
  const channel = sql`case h.n % 7 when 0 then 'self_check' when 1 then 'department_inspection' when 2 then 'enforcement'
    when 3 then 'public_report' when 4 then 'expert' when 5 then 'assigned' else 'other' end`;
  const enterprise = sql`(1 + (cast(h.n as bigint) * 7919) % ${E})`;
  if (pg) await sql`alter table hazards disable trigger hazards_close_guard_trg`.execute(db);
  await sql`insert into hazards (id, org_unit_id, enterprise_id, channel, level, status, place, description, found_on,
      found_by, time_limit, closed_on, created_at, updated_at)
    select h.n, ${unitOf(enterprise)}, ${enterprise}, ${channel},
      case when h.n % 25 = 0 then 'major' else 'general' end, ${status}, '车间' || (h.n % 40),
      '基准隐患' || h.n || '：设备防护装置缺失', ${found}, '检查组', ${day('2022-03-01', sql`(h.n * 37) % 1400`)},
      case when ${sql.lit(pg ? 1 : 0)} = 1 and h.n % 10 < 5 then ${found} end, ${NOW}, ${NOW}
    from ${series(dialect, 'h', s.hazards)}`.execute(db);
  log(`  ${s.hazards} hazards`);
  await sql`insert into hazard_acceptances (hazard_id, kind, result, accepted_on, acceptors, recorded_by, created_at)
    select id, 'acceptance', 'pass', found_on, '基准验收组', 'bench', ${NOW} from hazards
    where status in ('accepted', 'closed')`.execute(db);
  if (pg) await sql`alter table hazards enable trigger hazards_close_guard_trg`.execute(db);
  else {
    await sql`update hazards set status = 'closed', closed_on = found_on where status = 'accepted' and id % 10 <> 5`.execute(
      db,
    );
  }
  await sql`insert into hazard_listings (org_unit_id, hazard_id, listing_level, listing_unit, supervising_department_id,
      listed_on, batch_no, notice_no, notice_year, notice_seq, time_limit, created_by, created_at)
    select h.org_unit_id, h.id, 'zone', '基准安委会', (h.org_unit_id - 1) * ${D} + 1, h.found_on, '1',
      '督办' || h.id, 2000 + h.id % 7, h.id, coalesce(h.time_limit, h.found_on), 'bench', ${NOW}
    from hazards h where h.id % 50 = 0`.execute(db);
  // The statistics' summary (migration 0015) is kept by the app's writes; bulk SQL inserts recount it, as
  // `duban hazards rebuild-stats` does.
  const t0 = Date.now();
  await db.transaction().execute((trx) => rebuildHazardSummary(trx));
  log(`  statistics summary rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (pg) {
    for (const t of ['enterprises', 'enterprise_supervisors', 'hazards', 'hazard_acceptances', 'hazard_listings']) {
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(db);
    }
    await sql`vacuum analyze`.execute(db);
  }
  const r = await sql<{ n: number }>`select count(*) as n from hazards where org_unit_id = 1`.execute(db);
  const benchedUnitHazards = Number(r.rows[0]?.n ?? 0);
  log(`  acceptances, 销号 and listings done; unit 1 holds ${benchedUnitHazards} hazards`);
  return { enterprises: s.enterprises, hazards: s.hazards, benchedUnitHazards };
}
