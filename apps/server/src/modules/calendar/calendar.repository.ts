import type { Db } from '../../db/database.ts';

export async function listHolidayYears(db: Db): Promise<{ year: number; data: string }[]> {
  return db.selectFrom('holiday_years').select(['year', 'data']).orderBy('year').execute();
}

export async function upsertHolidayYear(db: Db, year: number, data: string, now: string): Promise<void> {
  await db
    .insertInto('holiday_years')
    .values({ year, data, loaded_at: now })
    .onConflict((oc) => oc.column('year').doUpdateSet({ data, loaded_at: now }))
    .execute();
}
