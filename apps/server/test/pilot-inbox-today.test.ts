import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * The department inbox is "as of today" (issue 13): whatever list year is shown, each 任务事项's status is
 * computed on today's civil date (Asia/Shanghai) at every request — due yesterday and unreported is 已逾期, due
 * in two days 即将到期, due next month 未到期 — and the answer names that date. The dashboard's year-end default
 * for a finished year does not leak into it.
 */
describeEachDatabase('inbox as of today', (get) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
  });

  it('states today and computes every status on it', async () => {
    const today = todayInShanghai();
    const dept = t.departmentIds.应急管理部!;
    const ids = (
      await db.selectFrom('occurrences').select('id').where('department_id', '=', dept).orderBy('id').limit(3).execute()
    ).map((r) => r.id);
    const dues = [addDays(today, -1), addDays(today, 2), addDays(today, 40)];
    for (const [i, id] of ids.entries()) {
      await db
        .updateTable('occurrences')
        .set({ due_date: dues[i]!, window_start: addDays(today, -60), report_state: 'none', extended_due: null })
        .where('id', '=', id)
        .execute();
    }
    const res = await t.as('dept_a', { method: 'GET', url: '/api/inbox?limit=200' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { today: string; items: { id: number; status: string }[]; total: number };
    expect(body.today).toBe(today);
    const status = (id: number) => body.items.find((i) => i.id === id)?.status;
    expect([status(ids[0]!), status(ids[1]!), status(ids[2]!)]).toEqual(['overdue', 'due-soon', 'pending']);
    // The office's view of the same department agrees.
    const office = await t.as('staff', { method: 'GET', url: `/api/inbox?departmentId=${dept}&limit=200` });
    expect(office.json().items.find((i: { id: number }) => i.id === ids[0])?.status).toBe('overdue');
  });
});
