import { brotliDecompressSync } from 'node:zlib';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { appendAudit } from '../src/modules/audit/audit.service.ts';
import { currentVersion } from '../src/modules/read-models/read-models.service.ts';
import { type AccountName, buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { submitReport } from './whistle-helpers.ts';

/**
 * Cached read models (task table, dashboard): ETag / If-None-Match, precompressed bodies, per-scope entries, and
 * invalidation through the database's version counter — also when the write happens on another app instance.
 */
describeEachDatabase('read-model cache', (get) => {
  let t: TestApp;
  let other: FastifyInstance;
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    t = await buildTestApp(get());
    const { db, dialect } = get().handle;
    // A second instance on the same database (sessions live in the database, so the same cookies work there).
    other = await buildApp({ db, dialect, scope: t.scope, secureCookies: false, dataDir: get().dataDir });
  });
  afterAll(async () => {
    await other?.close();
    await t?.app.close();
  });

  /** A request as the account on the second instance. */
  async function onOther(account: AccountName, options: InjectOptions) {
    const s = await t.login(account);
    const headers = { ...(options.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf };
    return other.inject({ ...options, headers });
  }

  it('the task table carries an ETag and answers 304 to If-None-Match until something is written', async () => {
    const url = '/api/tasklists/2024/tasks?asOf=2024-04-15';
    const first = await t.as('staff', { method: 'GET', url });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toContain('accept-encoding');
    expect(first.json().categories).toHaveLength(11);

    const again = await t.as('staff', { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // A different tag is not a match.
    const otherTag = await t.as('staff', { method: 'GET', url, headers: { 'if-none-match': 'W/"nope"' } });
    expect(otherTag.statusCode).toBe(200);

    // Brotli bytes decompress to the same document.
    const br = await t.as('staff', { method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(etag);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(first.json());
  });

  it('keys entries by scope: a department never gets the office table, two departments differ', async () => {
    const url = '/api/tasklists/2024/tasks?asOf=2024-04-01';
    const office = await t.as('staff', { method: 'GET', url });
    const deptC = await t.as('dept_c', { method: 'GET', url });
    const deptA = await t.as('dept_a', { method: 'GET', url });
    const count = (r: typeof office) =>
      r.json().categories.reduce((n: number, c: { tasks: unknown[] }) => n + c.tasks.length, 0);
    expect(count(office)).toBe(64);
    expect(count(deptC)).toBeLessThan(64);
    expect(new Set([office.headers.etag, deptC.headers.etag, deptA.headers.etag]).size).toBe(3);
    // The office's tag does not unlock a department's table.
    const cross = await t.as('dept_c', { method: 'GET', url, headers: { 'if-none-match': office.headers.etag } });
    expect(cross.statusCode).toBe(200);
  });

  it('a report submitted on another instance changes both instances’ dashboard and task table', async () => {
    const { db } = get().handle;
    // This year's list is the seed list re-imported for the year, so the dashboard has something to show.
    const years = (await t.as('staff', { method: 'GET', url: '/api/tasklists' })).json().taskLists as {
      year: number;
    }[];
    const listYear = years.some((l) => l.year === year) ? year : 2024;
    const dashUrl = `/api/dashboard?year=${listYear}&asOf=${today}`;
    const tableUrl = `/api/tasklists/${listYear}/tasks?asOf=${today}`;

    const dash1 = await t.as('leader', { method: 'GET', url: dashUrl });
    const table1 = await t.as('dept_a', { method: 'GET', url: tableUrl });
    const dashOther1 = await onOther('leader', { method: 'GET', url: dashUrl });
    expect(dash1.statusCode).toBe(200);
    expect(dashOther1.headers.etag).toBe(dash1.headers.etag);
    const versionBefore = await currentVersion(db, t.scope.orgUnitId);

    // dept_a drafts and submits a report for one of its open occurrences, through the second instance.
    const inbox = await onOther('dept_a', { method: 'GET', url: `/api/inbox?year=${listYear}&limit=200` });
    const open = (inbox.json().items as { id: number; latestReport: unknown }[]).find((i) => i.latestReport === null);
    if (!open) throw new Error('dept_a has no open occurrence');
    const created = await onOther('dept_a', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: open.id, text: '已开展专项检查', workDate: today },
    });
    expect(created.statusCode, created.body).toBe(201);
    const submitted = await onOther('dept_a', {
      method: 'POST',
      url: `/api/reports/${created.json().id}/submit`,
      payload: { version: created.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(await currentVersion(db, t.scope.orgUnitId)).toBeGreaterThan(versionBefore);

    // The first instance computes afresh: the old tag no longer matches and the submitted count grew by one.
    const dash2 = await t.as('leader', {
      method: 'GET',
      url: dashUrl,
      headers: { 'if-none-match': dash1.headers.etag },
    });
    expect(dash2.statusCode).toBe(200);
    expect(dash2.json().totals.counts.submitted).toBe(dash1.json().totals.counts.submitted + 1);
    const table2 = await t.as('dept_a', {
      method: 'GET',
      url: tableUrl,
      headers: { 'if-none-match': table1.headers.etag },
    });
    expect(table2.statusCode).toBe(200);
    const submittedIn = (r: typeof table1) =>
      r
        .json()
        .categories.flatMap((c: { tasks: { statusCounts: { submitted?: number } }[] }) => c.tasks)
        .reduce(
          (n: number, task: { statusCounts: { submitted?: number } }) => n + (task.statusCounts.submitted ?? 0),
          0,
        );
    expect(submittedIn(table2)).toBe(submittedIn(table1) + 1);
    // And both instances agree again.
    const dashOther2 = await onOther('leader', { method: 'GET', url: dashUrl });
    expect(dashOther2.headers.etag).toBe(dash2.headers.etag);
  });

  it('a missing list is a 404 every time, not a cached answer', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.as('staff', { method: 'GET', url: '/api/tasklists/2019/tasks' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await t.as('dept_a', { method: 'GET', url: '/api/dashboard?year=2024' })).statusCode).toBe(403);
  });

  it('a whistleblower record leaves the office’s cached read models alone; any other audited write raises them', async () => {
    const { db } = get().handle;
    const unit = t.scope.orgUnitId;
    const before = await currentVersion(db, unit);
    const submitted = await submitReport(t);
    expect(submitted.statusCode).toBe(201);
    const report = await db
      .selectFrom('whistle_reports')
      .select('org_unit_id')
      .where('receipt_code', '=', submitted.json().receiptCode)
      .executeTakeFirstOrThrow();
    expect(report.org_unit_id).toBe(unit);
    await inTransaction(db, (trx) =>
      appendAudit(trx, {
        orgUnitId: unit,
        actor: 'public',
        action: 'create',
        entity: 'whistle_report',
        entityId: 1,
        touchesReadModels: false,
      }),
    );
    expect(await currentVersion(db, unit)).toBe(before);
    await inTransaction(db, (trx) =>
      appendAudit(trx, { orgUnitId: unit, actor: 'test', action: 'update', entity: 'hazard', entityId: 1 }),
    );
    expect(await currentVersion(db, unit)).toBeGreaterThan(before);
  });
});
