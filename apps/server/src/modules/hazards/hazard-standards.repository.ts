import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HazardStandardItemTable, HazardStandardTable } from '../../db/schema.ts';

// All SQL of the catalogue tables (hazard_standards, hazard_standard_items).

export type StandardRow = Selectable<HazardStandardTable>;
export type StandardItemRow = Selectable<HazardStandardItemTable>;

export async function findStandardByCode(db: Db, code: string): Promise<StandardRow | undefined> {
  return db.selectFrom('hazard_standards').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertStandard(db: Db, row: Insertable<HazardStandardTable>): Promise<number> {
  const r = await db.insertInto('hazard_standards').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStandard(db: Db, id: number, row: Partial<Insertable<HazardStandardTable>>): Promise<void> {
  await db.updateTable('hazard_standards').set(row).where('id', '=', id).execute();
}

export async function insertStandardItemIfMissing(db: Db, row: Insertable<HazardStandardItemTable>): Promise<boolean> {
  const r = await db
    .insertInto('hazard_standard_items')
    .values(row)
    .onConflict((oc) => oc.columns(['standard_id', 'article', 'item']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listStandards(db: Db): Promise<StandardRow[]> {
  return db.selectFrom('hazard_standards').selectAll().orderBy('id').execute();
}

export async function listStandardItems(db: Db): Promise<StandardItemRow[]> {
  return db
    .selectFrom('hazard_standard_items')
    .selectAll()
    .orderBy('standard_id')
    .orderBy('seq')
    .orderBy('id')
    .execute();
}

export async function findStandardItem(
  db: Db,
  id: number,
): Promise<(StandardItemRow & { title: string; number: string }) | undefined> {
  return db
    .selectFrom('hazard_standard_items as i')
    .innerJoin('hazard_standards as s', 's.id', 'i.standard_id')
    .selectAll('i')
    .select(['s.title', 's.number'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export async function maxItemSeq(db: Db, standardId: number): Promise<number> {
  const r = await db
    .selectFrom('hazard_standard_items')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('standard_id', '=', standardId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function findStandardById(db: Db, id: number): Promise<StandardRow | undefined> {
  return db.selectFrom('hazard_standards').selectAll().where('id', '=', id).executeTakeFirst();
}
