import { beforeAll, expect, it } from 'vitest';
import { noteWrite } from '../src/modules/read-models/read-models.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes } from './fixtures.ts';

describeEachDatabase('departments and task-list index', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it('lists the registry with aliases, group members and confirmation', async () => {
    const res = await t.as('dept_a', { method: 'GET', url: '/api/departments' });
    expect(res.statusCode).toBe(200);
    const departments = res.json().departments as {
      name: string;
      aliases: string[];
      members: number[];
      confirmed: boolean;
    }[];
    const emergency = departments.find((d) => d.name === '应急管理部');
    expect(emergency?.aliases).toContain('综合行政执法局');
    expect(departments.find((d) => d.name === '安委会各成员单位')?.members.length).toBeGreaterThan(5);
    expect(departments.every((d) => d.confirmed)).toBe(true);
    expect((await t.as('enterprise', { method: 'GET', url: '/api/departments' })).statusCode).toBe(403);
  });

  it('the office confirms a department the importer created, once', async () => {
    const { db } = get().handle;
    const list = Buffer.from(
      '## 某区清单（2025年）\n主要内容\t序号\t工作任务\t责任部门\t完成时限\t工作进展\n（一）甲\t1\t任务\t区气象局\t2025年底前\t\n',
    );
    await importBytes(db, t.scope, list);
    const created = await db
      .selectFrom('departments')
      .select(['id', 'confirmed'])
      .where('name', '=', '区气象局')
      .executeTakeFirstOrThrow();
    expect(created.confirmed).toBe(0);
    expect((await t.as('dept_a', { method: 'POST', url: `/api/departments/${created.id}/confirm` })).statusCode).toBe(
      403,
    );
    const ok = await t.as('staff', { method: 'POST', url: `/api/departments/${created.id}/confirm` });
    expect(ok.statusCode).toBe(200);
    const again = await t.as('staff', { method: 'POST', url: `/api/departments/${created.id}/confirm` });
    expect(again.statusCode).toBe(409);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'department.confirm')
      .execute();
    expect(audit).toHaveLength(1);

    const index = await t.as('leader', { method: 'GET', url: '/api/tasklists' });
    expect(index.json().taskLists.map((l: { year: number; taskCount: number }) => [l.year, l.taskCount])).toEqual([
      [2025, 1],
      [2024, 64],
    ]);
  });

  it('rolls each task row up to its most urgent status as of a date', async () => {
    const { db } = get().handle;
    // As of 2024-04-15 task 1 (quarterly, 党群工作部) owes Q1 (overdue) and Q2 (pending).
    const before = await t.as('staff', { method: 'GET', url: '/api/tasklists/2024/tasks?asOf=2024-04-15' });
    const task1 = before.json().categories[0].tasks[0];
    expect(task1.statusCounts).toEqual({ overdue: 1, pending: 1 });
    expect(task1.status).toBe('overdue');
    // Accept Q1 on time: the row turns to what is still open.
    const q1 = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .select('o.id')
      .where('a.task_id', '=', task1.id)
      .where('o.period_key', '=', '2024-Q1')
      .executeTakeFirstOrThrow();
    // Written straight to the table, past the use cases: raise the read-model version as an audited write would.
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('occurrences')
        .set({ report_state: 'accepted', accepted_at: '2024-03-30' })
        .where('id', '=', q1.id)
        .execute();
      await noteWrite(trx, t.scope.orgUnitId);
    });
    const after = await t.as('staff', { method: 'GET', url: '/api/tasklists/2024/tasks?asOf=2024-04-15' });
    const row = after.json().categories[0].tasks[0];
    expect(row.statusCounts).toEqual({ accepted: 1, pending: 1 });
    expect(row.status).toBe('pending');
  });
});
