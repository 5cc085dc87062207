import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

interface TaskOut {
  no: string;
  departments: { id: number; name: string }[];
  nextDue: { due: string; department: string } | null;
}
const tasksOf = (body: { categories: { tasks: TaskOut[] }[] }): TaskOut[] => body.categories.flatMap((c) => c.tasks);

describeEachDatabase('HTTP read API', (get, dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('GET /api/health needs no sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('the office reads the whole table with departments and next due', async () => {
    const res = await t.as('staff', { method: 'GET', url: '/api/tasklists/2024/tasks' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.taskList).toMatchObject({ year: 2024 });
    expect(body.categories).toHaveLength(11);
    const tasks = tasksOf(body);
    expect(tasks).toHaveLength(64);
    expect(tasks[0]).toMatchObject({ no: '1', deadline: '每季度至少一次，长期坚持', ongoing: true });
    const asOf = await t.as('leader', { method: 'GET', url: '/api/tasklists/2024/tasks?asOf=2024-04-01' });
    expect(tasksOf(asOf.json())[0]?.nextDue).toMatchObject({ due: '2024-06-30', department: '党群工作部' });
  });

  it('a department sees only its own tasks and its own next due dates', async () => {
    const res = await t.as('dept_c', { method: 'GET', url: '/api/tasklists/2024/tasks?asOf=2024-04-01' });
    expect(res.statusCode).toBe(200);
    const tasks = tasksOf(res.json());
    const mine = t.departmentIds.党群工作部;
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.length).toBeLessThan(64);
    for (const task of tasks) expect(task.departments.map((d) => d.id)).toContain(mine);
    for (const task of tasks) if (task.nextDue) expect(task.nextDue.department).toBe('党群工作部');
    // Task 6 (安委会各成员单位) reaches 党群工作部 through the group; task 9 is not theirs.
    expect(tasks.map((x) => x.no)).toContain('6');
    expect(tasks.map((x) => x.no)).not.toContain('9');
  });

  it('refuses the anonymous and enterprises', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/tasklists/2024/tasks' })).statusCode).toBe(401);
    expect((await t.as('enterprise', { method: 'GET', url: '/api/tasklists/2024/tasks' })).statusCode).toBe(403);
  });

  it('answers errors in the one shape, in Chinese, without internals', async () => {
    const missing = await t.as('staff', { method: 'GET', url: '/api/tasklists/2019/tasks' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'not_found' });
    expect(missing.json().error.message).toContain('2019');
    const bad = await t.as('staff', { method: 'GET', url: '/api/tasklists/abc/tasks' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const badDate = await t.as('staff', { method: 'GET', url: '/api/tasklists/2024/tasks?asOf=tomorrow' });
    expect(badDate.statusCode).toBe(400);
    const nowhere = await t.app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.body).not.toMatch(/at .*\.ts/);
  });

  it('serves the OpenAPI document generated from the zod schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'username',
    );
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/tasklists/{year}/tasks']));
  });

  it('compresses large responses for clients that accept gzip', async () => {
    const res = await t.as('staff', {
      method: 'GET',
      url: '/api/tasklists/2024/tasks',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});
