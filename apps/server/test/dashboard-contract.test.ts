import { DashboardResponse } from '@duban/shared/contracts/dashboard';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../src/core/app-error.ts';
import { getDashboard, unitTaskTotals } from '../src/modules/documents/dashboard.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * The route caches getDashboard's result without parsing it with DashboardResponse (a cache miss at province scale
 * spent ~0.5 ms there): the service builds every object in the schema's key order and types. This checks that the
 * parse would change nothing, to the byte, and that the HTTP body is that same JSON.
 */
describeEachDatabase('dashboard response as the contract has it', (get) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it.each(['2024-01-15', '2024-07-01', '2025-03-01'])('is what DashboardResponse.parse returns on %s', async (asOf) => {
    const body = await getDashboard(get().handle.db, t.scope.orgUnitId, 2024, asOf);
    expect(body.byCategory.length).toBeGreaterThan(0);
    expect(body.byDepartmentMonth.length).toBeGreaterThan(0);
    const json = JSON.stringify(body);
    expect(JSON.stringify(DashboardResponse.parse(body))).toBe(json);
    const res = await t.as('admin', { method: 'GET', url: `/api/dashboard?year=2024&asOf=${asOf}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(json);
  });

  it('has the list found by unit and year, and nothing for a year without one', async () => {
    const db = get().handle.db;
    const body = await getDashboard(db, t.scope.orgUnitId, 2024, '2024-07-01');
    const list = await db
      .selectFrom('task_lists')
      .select(['id', 'year', 'title'])
      .where('org_unit_id', '=', t.scope.orgUnitId)
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    expect(body.taskList).toEqual(list);
    await expect(getDashboard(db, t.scope.orgUnitId, 2030, '2030-07-01')).rejects.toBeInstanceOf(AppError);
    expect(await unitTaskTotals(db, t.scope.orgUnitId, 2030, '2030-07-01')).toBeNull();
    expect((await unitTaskTotals(db, t.scope.orgUnitId, 2024, '2024-07-01'))?.total).toBe(body.totals.total);
  });
});
