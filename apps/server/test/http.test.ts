import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';

describeEachDatabase('HTTP read API', (get, dialect) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    await importBytes(db, scope, seedBytes());
    app = await buildApp({ db, dialect, scope, secureCookies: false, dataDir: get().dataDir });
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /api/health', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('GET /api/tasklists/2024/tasks returns the table with departments and next due', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/tasklists/2024/tasks' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.taskList).toMatchObject({ year: 2024 });
    expect(body.categories).toHaveLength(11);
    const tasks = body.categories.flatMap((c: { tasks: unknown[] }) => c.tasks);
    expect(tasks).toHaveLength(64);
    expect(tasks[0]).toMatchObject({ no: '1', deadline: '每季度至少一次，长期坚持', ongoing: true });
    const asOf = await app.inject({ method: 'GET', url: '/api/tasklists/2024/tasks?asOf=2024-04-01' });
    expect(asOf.json().categories[0].tasks[0].nextDue).toMatchObject({ due: '2024-06-30', department: '党群工作部' });
    const badDate = await app.inject({ method: 'GET', url: '/api/tasklists/2024/tasks?asOf=tomorrow' });
    expect(badDate.statusCode).toBe(400);
  });

  it('answers errors in the one shape, in Chinese', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/tasklists/2019/tasks' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'not_found' });
    expect(missing.json().error.message).toContain('2019');
    const bad = await app.inject({ method: 'GET', url: '/api/tasklists/abc/tasks' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const nowhere = await app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(nowhere.statusCode).toBe(404);
  });
});
