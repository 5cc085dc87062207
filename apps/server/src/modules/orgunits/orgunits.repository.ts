import type { Db } from '../../db/database.ts';
import type { OrgUnitTable } from '../../db/schema.ts';

export async function findOrgUnitByCode(db: Db, code: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('org_units').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
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

export async function getCampaignCadence(db: Db, campaignId: number): Promise<string> {
  const r = await db
    .selectFrom('campaigns')
    .select('report_cadence')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return r.report_cadence;
}
