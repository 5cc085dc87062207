import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import * as m0018 from '../src/db/migrations/20261201_0018_inspection_gaps.ts';
import { allocateDocumentNumber } from '../src/modules/inspections/inspections.repository.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { type InspectionWorld, setupInspectionWorld } from './inspections-helpers.ts';

/**
 * Document numbers (现场检查记录 检记〔YYYY〕NNNN号, 责令限期整改指令书 责改〔…〕) under a race: inspections completed at
 * the same moment on two app instances (two connection pools) all get different, consecutive numbers; the database
 * refuses a second holder of a number.
 */
describeEachDatabase('inspection document numbers', (get) => {
  let t: TestApp;
  let w: InspectionWorld;
  let b: TestApp['app'];
  let second: DatabaseHandle;
  const N = 8;

  beforeAll(async () => {
    t = await buildTestApp(get());
    w = await setupInspectionWorld(t, get());
    second = openDatabase(get().url);
    b = await buildApp({
      db: second.db,
      dialect: second.dialect,
      scope: t.scope,
      secureCookies: false,
      dataDir: get().dataDir,
    });
  });
  afterAll(async () => {
    await b.close();
    await second.close();
  });

  it('inspections completed at once on two instances get distinct consecutive numbers', async () => {
    const ids: number[] = [];
    for (let n = 0; n < N; n++) {
      const created = await w.as('insp1', {
        method: 'POST',
        url: '/api/inspections',
        payload: {
          enterpriseId: w.enterprises.general[n % w.enterprises.general.length],
          mode: 'cross',
          trigger: 'other',
          inspectedOn: '2027-03-02',
          inspectorIds: [w.pool.insp[0], w.pool.insp[1]],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      const signed = await w.as('insp1', {
        method: 'POST',
        url: `/api/inspections/${id}/sign`,
        payload: { version: created.json().version, outcome: 'signed', signedBy: '企业负责人' },
      });
      expect(signed.statusCode, signed.body).toBe(200);
      ids.push(id);
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'insp1', password: TEST_PASSWORD },
    });
    const cookie = `duban_session=${login.cookies.find((c) => c.name === 'duban_session')?.value}`;
    const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
    const done = await Promise.all(
      ids.map(async (id, n) => {
        const current = await t.app.inject({ method: 'GET', url: `/api/inspections/${id}`, headers });
        return (n % 2 ? t.app : b).inject({
          method: 'POST',
          url: `/api/inspections/${id}/complete`,
          headers,
          payload: { version: current.json().version },
        });
      }),
    );
    for (const res of done) expect(res.statusCode, res.body).toBe(200);
    const numbers = done.map((res) => res.json().recordNo as string).sort();
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => `检记〔2027〕${String(i + 1).padStart(4, '0')}号`));
  });

  it('the counter is atomic on its own and the database refuses a duplicate number', async () => {
    const db = get().handle.db;
    const unit = t.scope.orgUnitId;
    const got = await Promise.all(
      Array.from({ length: 10 }, (_, i) => allocateDocumentNumber(i % 2 ? db : second.db, unit, 'order_no', 2031)),
    );
    expect(got.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [one, two] = await db
      .selectFrom('inspections')
      .select(['id', 'record_no'])
      .where('record_no', 'is not', null)
      .limit(2)
      .execute();
    if (!one || !two) throw new Error('two numbered inspections expected');
    await expect(
      db.updateTable('inspections').set({ record_no: one.record_no }).where('id', '=', two.id).execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
  });

  it('the migration starts the counters from the numbers given and renumbers a number given twice', async () => {
    const db = get().handle.db;
    const numbered = () =>
      db
        .selectFrom('inspections')
        .select(['id', 'record_no'])
        .where('record_no', 'like', '检记〔2027〕%')
        .orderBy('id')
        .execute();
    const before = await numbered();
    expect(before).toHaveLength(N);
    // the state before migration 0018, with the race's damage: the second inspection holds the first's number
    await m0018.down(db);
    const [first, second] = before;
    if (!first || !second) throw new Error('numbered inspections expected');
    await db.updateTable('inspections').set({ record_no: first.record_no }).where('id', '=', second.id).execute();
    await m0018.up(db);
    const after = new Map((await numbered()).map((r) => [r.id, r.record_no]));
    expect(after.get(first.id)).toBe(first.record_no);
    expect(after.get(second.id)).toBe(`检记〔2027〕${String(N + 1).padStart(4, '0')}号`);
    expect(new Set(after.values()).size).toBe(N);
    expect(await allocateDocumentNumber(db, t.scope.orgUnitId, 'record_no', 2027)).toBe(N + 2);
  });
});
