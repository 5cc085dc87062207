import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HazardIndustrySummaryTable, HazardSummaryTable, HazardTable } from '../../db/schema.ts';

// The statistics' summary (migration 0015): counts of hazards per org unit × month found × month closed × channel ×
// level × status (hazard_summary) and per org unit × month found × industry × closed (hazard_industry_summary).
// insertHazard / updateHazard (hazards.repository.ts, the only SQL that writes hazards) move the counts in the
// write's transaction; an enterprise's industry change moves its hazards' industry counts; rebuild recounts.

/** The columns of a hazard the counts depend on. */
export type HazardKey = Pick<
  HazardTable,
  'org_unit_id' | 'enterprise_id' | 'channel' | 'level' | 'status' | 'found_on' | 'closed_on'
>;
export const HAZARD_KEY_COLUMNS = [
  'org_unit_id',
  'enterprise_id',
  'channel',
  'level',
  'status',
  'found_on',
  'closed_on',
] as const satisfies readonly (keyof HazardKey)[];

type SummaryKey = Omit<Selectable<HazardSummaryTable>, 'n'>;

const summaryKey = (h: HazardKey): SummaryKey => ({
  org_unit_id: h.org_unit_id,
  found_month: h.found_on.slice(0, 7),
  closed_month: h.closed_on?.slice(0, 7) ?? '',
  channel: h.channel,
  level: h.level,
  status: h.status,
});

const keyText = (k: object) => JSON.stringify(Object.values(k));

/** Sums +1/−1 per key; keys whose changes cancel out are left out. Sorted, so concurrent writers lock in one order. */
function deltas<K extends object>(minus: K[], plus: K[]): { key: K; n: number }[] {
  const m = new Map<string, { key: K; n: number }>();
  for (const [keys, n] of [
    [minus, -1],
    [plus, 1],
  ] as const) {
    for (const key of keys) {
      const t = keyText(key);
      const e = m.get(t);
      if (e) e.n += n;
      else m.set(t, { key, n });
    }
  }
  return [...m.entries()]
    .filter(([, e]) => e.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
}

async function industriesOf(trx: Db, enterpriseId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('enterprise_industries as ei')
    .innerJoin('industry_catalogue as c', 'c.id', 'ei.catalogue_id')
    .select('ei.catalogue_id')
    .where('ei.enterprise_id', '=', enterpriseId)
    .where('c.kind', '=', 'industry')
    .execute();
  return rows.map((r) => r.catalogue_id);
}

type IndustryKey = Omit<Selectable<HazardIndustrySummaryTable>, 'n'>;

async function industryKeys(trx: Db, h: HazardKey | null, cache: Map<number, number[]>): Promise<IndustryKey[]> {
  if (h === null) return [];
  let ids = cache.get(h.enterprise_id);
  if (!ids) {
    ids = await industriesOf(trx, h.enterprise_id);
    cache.set(h.enterprise_id, ids);
  }
  const closed = h.status === 'closed' ? 1 : 0;
  return ids.map((catalogue_id) => ({
    org_unit_id: h.org_unit_id,
    found_month: h.found_on.slice(0, 7),
    catalogue_id,
    closed,
  }));
}

/** Moves the counts of one hazard from its old key (null: a new hazard) to its new one, in the write's transaction. */
export async function countHazardChange(trx: Db, before: HazardKey | null, after: HazardKey): Promise<void> {
  const main = deltas(before ? [summaryKey(before)] : [], [summaryKey(after)]);
  for (const { key, n } of main) {
    await trx
      .insertInto('hazard_summary')
      .values({ ...key, n })
      .onConflict((oc) =>
        oc
          .columns(['org_unit_id', 'found_month', 'closed_month', 'channel', 'level', 'status'])
          .doUpdateSet({ n: sql<number>`hazard_summary.n + excluded.n` }),
      )
      .execute();
  }
  const sameIndustryKey =
    before !== null &&
    before.org_unit_id === after.org_unit_id &&
    before.enterprise_id === after.enterprise_id &&
    before.found_on.slice(0, 7) === after.found_on.slice(0, 7) &&
    (before.status === 'closed') === (after.status === 'closed');
  if (sameIndustryKey) return;
  const cache = new Map<number, number[]>();
  const industry = deltas(await industryKeys(trx, before, cache), await industryKeys(trx, after, cache));
  for (const { key, n } of industry) {
    await trx
      .insertInto('hazard_industry_summary')
      .values({ ...key, n })
      .onConflict((oc) =>
        oc
          .columns(['org_unit_id', 'found_month', 'catalogue_id', 'closed'])
          .doUpdateSet({ n: sql<number>`hazard_industry_summary.n + excluded.n` }),
      )
      .execute();
  }
}

/**
 * Adds (sign 1) or removes (sign −1) an enterprise's hazards from the industry counts of its current industries:
 * called around a change of the enterprise's industry links, in that change's transaction.
 */
export async function countEnterpriseIndustries(trx: Db, enterpriseId: number, sign: 1 | -1): Promise<void> {
  await sql`insert into hazard_industry_summary (org_unit_id, found_month, catalogue_id, closed, n)
    select g.org_unit_id, g.found_month, g.catalogue_id, g.closed, ${sign} * g.n
    from (${industrySelect(sql`h.enterprise_id = ${enterpriseId}`)}) g where 1 = 1
    on conflict (org_unit_id, found_month, catalogue_id, closed)
    do update set n = hazard_industry_summary.n + excluded.n`.execute(trx);
}

/** The grouping that defines hazard_summary's rows, over the hazards `where` selects (alias h). */
export const summarySelect = (where: RawBuilder<unknown>) => sql`
  select h.org_unit_id, substr(h.found_on, 1, 7) as found_month, coalesce(substr(h.closed_on, 1, 7), '') as closed_month,
    h.channel, h.level, h.status, count(*) as n
  from hazards h where ${where} group by 1, 2, 3, 4, 5, 6`;

/** The grouping that defines hazard_industry_summary's rows. */
export const industrySelect = (where: RawBuilder<unknown>) => sql`
  select h.org_unit_id, substr(h.found_on, 1, 7) as found_month, ei.catalogue_id,
    case when h.status = 'closed' then 1 else 0 end as closed, count(*) as n
  from hazards h
  join enterprise_industries ei on ei.enterprise_id = h.enterprise_id
  join industry_catalogue c on c.id = ei.catalogue_id and c.kind = 'industry'
  where ${where} group by 1, 2, 3, 4`;

/** Recounts both summaries from the hazards (every unit, or one), in the caller's transaction. */
export async function rebuildHazardSummary(
  trx: Db,
  orgUnitId?: number,
): Promise<{ rows: number; industryRows: number }> {
  const where = orgUnitId === undefined ? sql`1 = 1` : sql`h.org_unit_id = ${orgUnitId}`;
  let del = trx.deleteFrom('hazard_summary');
  let delIndustry = trx.deleteFrom('hazard_industry_summary');
  if (orgUnitId !== undefined) {
    del = del.where('org_unit_id', '=', orgUnitId);
    delIndustry = delIndustry.where('org_unit_id', '=', orgUnitId);
  }
  await del.execute();
  await delIndustry.execute();
  const a = await sql`insert into hazard_summary (org_unit_id, found_month, closed_month, channel, level, status, n)
    ${summarySelect(where)}`.execute(trx);
  const b = await sql`insert into hazard_industry_summary (org_unit_id, found_month, catalogue_id, closed, n)
    ${industrySelect(where)}`.execute(trx);
  return { rows: Number(a.numAffectedRows ?? 0), industryRows: Number(b.numAffectedRows ?? 0) };
}
