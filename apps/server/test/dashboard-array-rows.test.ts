import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import { beforeAll, expect, it } from 'vitest';
import { selectArrays } from '../src/db/database.ts';
import { dashboardGroups } from '../src/modules/documents/dashboard.repository.ts';
import { getDashboard } from '../src/modules/documents/dashboard.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * The dashboard's figures statement reads its rows as arrays (selectArrays: pg rowMode 'array', better-sqlite3
 * .raw()) on the handles openDatabase opens, and through Kysely's object rows on any other (a transaction). Both
 * ways must give the same rows and the same dashboard, and the array read must wait for an open transaction on
 * SQLite's single connection as Kysely's own queries do (not see its uncommitted writes).
 */
describeEachDatabase('dashboard rows read as arrays', (get) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it('gives the same rows and the same dashboard as the rows read through Kysely', async () => {
    const db = get().handle.db;
    const asOf = '2024-07-01';
    const list = { orgUnitId: t.scope.orgUnitId, year: 2024 };
    const w = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
    const arrays = await dashboardGroups(db, list, w);
    expect(arrays.length).toBeGreaterThan(10);
    expect(arrays.every((row) => Array.isArray(row) && row.length === 10)).toBe(true);
    const { viaKysely, dashboard } = await db.transaction().execute(async (trx) => ({
      viaKysely: await dashboardGroups(trx, list, w),
      dashboard: await getDashboard(trx, list.orgUnitId, list.year, asOf),
    }));
    expect(arrays).toEqual(viaKysely);
    expect(JSON.stringify(await getDashboard(db, list.orgUnitId, list.year, asOf))).toBe(JSON.stringify(dashboard));
  });

  it('does not see what an open transaction wrote', async () => {
    const db = get().handle.db;
    const list = await db
      .selectFrom('task_lists')
      .select(['id', 'title'])
      .where('org_unit_id', '=', t.scope.orgUnitId)
      .executeTakeFirstOrThrow();
    const title = db.selectFrom('task_lists').select('title').where('id', '=', list.id).compile();
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const writer = db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('task_lists').set({ title: 'uncommitted' }).where('id', '=', list.id).execute();
        wrote();
        await finished;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await written;
    const read = selectArrays(db, title);
    // Let the read run (PostgreSQL) or queue behind the transaction (SQLite), then roll the write back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await writer;
    expect(await read).toEqual([[list.title]]);
  });
});
