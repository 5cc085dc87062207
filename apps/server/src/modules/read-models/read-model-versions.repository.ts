import { type CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Row 0 counts writes that concern every unit (an audited event without a unit, such as a holiday year). */
export const EVERY_UNIT = 0;

/**
 * The unit's read-model version: its own counter plus the every-unit counter. Both only grow, so the sum changes
 * exactly when either does. A unit nobody wrote to yet is at 0.
 */
export async function readModelVersion(db: Db, orgUnitId: number): Promise<number> {
  const { rows } = await db.executeQuery(versionQuery(db, orgUnitId));
  return Number(rows[0]?.v ?? 0);
}

type VersionQuery = CompiledQuery<{ v: number | string | null }>;
/** Asked on every cached read: built and compiled once per database handle and unit, not per request. */
const versionQueries = new WeakMap<Db, Map<number, VersionQuery>>();

function versionQuery(db: Db, orgUnitId: number): VersionQuery {
  let byUnit = versionQueries.get(db);
  if (!byUnit) {
    byUnit = new Map();
    versionQueries.set(db, byUnit);
  }
  let query = byUnit.get(orgUnitId);
  if (!query) {
    query = db
      .selectFrom('read_model_versions')
      .select(sql<number | string | null>`sum(version)`.as('v'))
      .where('org_unit_id', 'in', [EVERY_UNIT, orgUnitId])
      .compile();
    byUnit.set(orgUnitId, query);
  }
  return query;
}

/** The read-model version of several units together (statistics over a unit and the units below it). */
export async function readModelVersionOfUnits(db: Db, orgUnitIds: readonly number[]): Promise<number> {
  const row = await db
    .selectFrom('read_model_versions')
    .select(sql<number | string | null>`sum(version)`.as('v'))
    .where('org_unit_id', 'in', [EVERY_UNIT, ...orgUnitIds])
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** The counters of several units one by one (and the every-unit row) in one statement; a missing unit is at 0. */
export async function readModelVersionsByUnit(
  db: Db,
  orgUnitIds: readonly number[],
): Promise<{ every: number; byUnit: Map<number, number> }> {
  const rows = await db
    .selectFrom('read_model_versions')
    .select(['org_unit_id', 'version'])
    .where('org_unit_id', 'in', [EVERY_UNIT, ...orgUnitIds])
    .execute();
  const byUnit = new Map<number, number>();
  let every = 0;
  for (const r of rows) {
    if (r.org_unit_id === EVERY_UNIT) every = Number(r.version);
    else byUnit.set(r.org_unit_id, Number(r.version));
  }
  return { every, byUnit };
}

/** Raises the unit's counter (or the every-unit row for null). Call inside the write's transaction. */
export async function bumpReadModelVersion(trx: Db, orgUnitId: number | null): Promise<void> {
  await trx
    .insertInto('read_model_versions')
    .values({ org_unit_id: orgUnitId ?? EVERY_UNIT, version: 1 })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ version: sql<number>`read_model_versions.version + 1` }))
    .execute();
}
