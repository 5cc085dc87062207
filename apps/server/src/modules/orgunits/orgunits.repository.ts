import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, OrgUnitTable, ReportCadence } from '../../db/schema.ts';

export async function findOrgUnitByCode(
  db: Db,
  code: string,
): Promise<{ id: number; name: string; code: string; level: OrgUnitTable['level'] } | undefined> {
  return db.selectFrom('org_units').select(['id', 'name', 'code', 'level']).where('code', '=', code).executeTakeFirst();
}

export async function insertOrgUnit(
  db: Db,
  row: { parentId: number | null; code: string; name: string; level: OrgUnitTable['level']; now: string },
): Promise<number> {
  const r = await db
    .insertInto('org_units')
    .values({ parent_id: row.parentId, code: row.code, name: row.name, level: row.level, created_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findCampaign(db: Db, orgUnitId: number, code: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('campaigns')
    .select('id')
    .where('org_unit_id', '=', orgUnitId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertCampaign(
  db: Db,
  row: { orgUnitId: number; code: string; name: string; startYear: number; endYear: number; now: string },
): Promise<number> {
  const r = await db
    .insertInto('campaigns')
    .values({
      org_unit_id: row.orgUnitId,
      code: row.code,
      name: row.name,
      start_year: row.startYear,
      end_year: row.endYear,
      report_cadence: 'quarterly',
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getCampaignCadence(db: Db, campaignId: number): Promise<ReportCadence> {
  const r = await db
    .selectFrom('campaigns')
    .select('report_cadence')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return r.report_cadence;
}

/** org_units' columns and the unit's first campaign (null when it has none). */
export type OrgUnitTreeRow = Pick<Selectable<OrgUnitTable>, 'id' | 'parent_id' | 'code' | 'name' | 'level'> & {
  campaign_id: number | null;
};

/** The unit and (withChildren) every unit below it, each with its first campaign; one recursive statement. */
export async function selectUnitTree(db: Db, rootId: number, withChildren: boolean): Promise<OrgUnitTreeRow[]> {
  if (!withChildren) {
    return db
      .selectFrom('org_units')
      .select(['id', 'parent_id', 'code', 'name', 'level'])
      .select(firstCampaign)
      .where('id', '=', rootId)
      .execute();
  }
  return db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('org_units')
        .select('id')
        .where('id', '=', rootId)
        .unionAll(
          qb.selectFrom('org_units').innerJoin('tree', 'tree.id', 'org_units.parent_id').select('org_units.id'),
        ),
    )
    .selectFrom('org_units')
    .innerJoin('tree', 'tree.id', 'org_units.id')
    .select(['org_units.id', 'org_units.parent_id', 'org_units.code', 'org_units.name', 'org_units.level'])
    .select(firstCampaign)
    .execute();
}

/** Every unit with its first campaign, by code (the CLI's list). */
export async function listOrgUnits(db: Db): Promise<OrgUnitTreeRow[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'parent_id', 'code', 'name', 'level'])
    .select(firstCampaign)
    .orderBy('code')
    .execute();
}

const firstCampaign = (eb: ExpressionBuilder<Database, 'org_units'>) =>
  eb
    .selectFrom('campaigns')
    .select((e) => e.fn.min<number>('campaigns.id').as('m'))
    .whereRef('campaigns.org_unit_id', '=', 'org_units.id')
    .as('campaign_id');

export async function findOrgUnitById(
  db: Db,
  id: number,
): Promise<
  { id: number; code: string; name: string; level: OrgUnitTable['level']; parent_id: number | null } | undefined
> {
  return db
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'level', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
