import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/** The Users page's 举报受理 switch: the admin lists the holders, grants and withdraws; every change is audited. */
describeEachDatabase('whistleblower-handler permission on the users page', (get) => {
  let t: TestApp;
  let staffId: number;

  beforeAll(async () => {
    t = await buildTestApp(get());
    const users = (await t.as('admin', { method: 'GET', url: '/api/users' })).json().users as {
      id: number;
      username: string;
    }[];
    staffId = users.find((u) => u.username === 'staff')?.id ?? 0;
  });

  const holders = async () =>
    (await t.as('admin', { method: 'GET', url: '/api/users/report-handlers' })).json().userIds as number[];
  const put = (id: number, canHandleReports: boolean) =>
    t.as('admin', { method: 'PUT', url: `/api/users/${id}/report-handler`, payload: { canHandleReports } });

  it('lists nobody at first, then the account granted, then nobody again', async () => {
    expect(await holders()).toEqual([]);
    expect((await put(staffId, true)).json()).toEqual({ userId: staffId, canHandleReports: true });
    expect(await holders()).toEqual([staffId]);
    expect((await put(staffId, false)).statusCode).toBe(200);
    expect(await holders()).toEqual([]);
    const audit = await get()
      .handle.db.selectFrom('audit_events')
      .select(['entity_id', 'after'])
      .where('action', '=', 'user.report_handler')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.after ?? '{}').canHandleReports])).toEqual([
      [String(staffId), true],
      [String(staffId), false],
    ]);
  });

  it('only the office administrator reads the list', async () => {
    for (const who of ['staff', 'leader', 'dept_a', 'enterprise'] as const) {
      expect((await t.as(who, { method: 'GET', url: '/api/users/report-handlers' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/users/report-handlers' })).statusCode).toBe(401);
  });
});
