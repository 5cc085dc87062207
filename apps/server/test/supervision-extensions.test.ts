import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../src/core/principal.ts';
import type { Db } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { requestExtension } from '../src/modules/supervision/request-extension.ts';
import { departmentWriteScope } from '../src/modules/supervision/supervision.policy.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

describeEachDatabase('extension requests (延期)', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  const userIds = new Map<string, number>();
  const today = todayInShanghai();
  let futureSeq = 0;

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部 ?? 0;
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) userIds.set(u.username, u.id);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** A fresh occurrence of dept_a due `days` from today (the seed list's are all in 2024, already past). */
  async function futureOccurrence(days: number): Promise<{ id: number; due: string }> {
    const template = await db
      .selectFrom('occurrences')
      .select(['assignment_id', 'rule_id'])
      .where('department_id', '=', deptA)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    futureSeq += 1;
    const due = addDays(today, days);
    const row = await db
      .insertInto('occurrences')
      .values({
        ...template,
        period_key: `test-future-${futureSeq}`,
        window_start: today,
        due_date: due,
        min_count: 1,
        condition: null,
        department_id: deptA,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, due };
  }

  async function lateOccurrence(skip: number): Promise<{ id: number; due: string }> {
    const row = await db
      .selectFrom('occurrences')
      .select(['id', 'due_date'])
      .where('department_id', '=', deptA)
      .where('due_date', '<', today)
      .orderBy('due_date')
      .orderBy('id')
      .offset(skip)
      .limit(1)
      .executeTakeFirstOrThrow();
    return { id: row.id, due: row.due_date };
  }

  const ask = (account: 'dept_a' | 'dept_b' | 'admin' | 'leader', occurrenceId: number, requestedDue: string) =>
    t.as(account, {
      method: 'POST',
      url: `/api/occurrences/${occurrenceId}/extensions`,
      payload: { reason: '汛期施工受阻，需延后验收', requestedDue },
    });
  const decide = (account: 'admin' | 'staff' | 'leader' | 'dept_a', id: number, payload: Record<string, unknown>) =>
    t.as(account, { method: 'POST', url: `/api/extensions/${id}/decide`, payload });

  it('refuses a request made after the due date, in Chinese', async () => {
    const late = await lateOccurrence(0);
    const res = await ask('dept_a', late.id, addDays(today, 30));
    expect([400, 409]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.json().error.message).toContain('到期前');
    expect(res.json().error.details).toMatchObject({ today, effectiveDue: late.due });
  });

  it('the date check follows the injected clock: the due day itself is still in time (Asia/Shanghai)', async () => {
    const late = await lateOccurrence(1);
    const p: Principal = {
      kind: 'session',
      userId: userIds.get('dept_a') ?? null,
      username: 'dept_a',
      role: 'department',
      orgUnitId: t.scope.orgUnitId,
      departmentId: deptA,
      isHead: false,
      actor: `user:${userIds.get('dept_a')}`,
    };
    const input = { reason: '原因', requestedDue: addDays(late.due, 20) };
    const dayAfter = new Date(`${addDays(late.due, 1)}T00:05:00+08:00`);
    await expect(requestExtension(db, departmentWriteScope(p), late.id, input, dayAfter)).rejects.toMatchObject({
      code: 'conflict',
    });
    const lastMinute = new Date(`${late.due}T23:55:00+08:00`);
    const ok = await requestExtension(db, departmentWriteScope(p), late.id, input, lastMinute);
    expect(ok.extension).toMatchObject({ status: 'pending', originalDue: late.due, requestedDue: input.requestedDue });
  });

  it('asked before the due date → pending; approved → the effective due moves and the original is kept', async () => {
    const occ = await futureOccurrence(10);
    const tooEarly = await ask('dept_a', occ.id, occ.due);
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.details).toEqual([{ path: 'requestedDue', message: expect.any(String) }]);
    expect((await ask('dept_b', occ.id, addDays(today, 40))).statusCode).toBe(404);
    expect((await ask('admin', occ.id, addDays(today, 40))).statusCode).toBe(403);
    expect((await ask('leader', occ.id, addDays(today, 40))).statusCode).toBe(403);

    const requestedDue = addDays(today, 40);
    const asked = await ask('dept_a', occ.id, requestedDue);
    expect(asked.statusCode).toBe(201);
    expect(asked.json().extension).toMatchObject({
      occurrenceId: occ.id,
      departmentId: deptA,
      status: 'pending',
      originalDue: occ.due,
      requestedDue,
      requestedBy: userIds.get('dept_a'),
      version: 1,
    });
    const id = asked.json().extension.id as number;
    const again = await ask('dept_a', occ.id, addDays(today, 50));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ pendingId: id });

    const pendingA = await t.as('dept_a', { method: 'GET', url: '/api/extensions?status=pending' });
    expect(pendingA.json().extensions.map((e: { id: number }) => e.id)).toContain(id);
    const pendingB = await t.as('dept_b', { method: 'GET', url: '/api/extensions?status=pending' });
    expect(pendingB.statusCode).toBe(200);
    expect(pendingB.json().extensions).toEqual([]);

    // Leaders and the department itself cannot decide.
    expect((await decide('leader', id, { approve: true, version: 1 })).statusCode).toBe(403);
    expect((await decide('dept_a', id, { approve: true, version: 1 })).statusCode).toBe(403);

    const stale = await decide('admin', id, { approve: true, version: 3 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 1 } });

    const approved = await decide('admin', id, { approve: true, note: '同意延期', version: 1 });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      extension: { status: 'approved', decisionNote: '同意延期', decidedBy: userIds.get('admin'), version: 2 },
      occurrence: { id: occ.id, dueDate: occ.due, extendedDue: requestedDue, effectiveDue: requestedDue, version: 2 },
    });
    const stored = await db
      .selectFrom('occurrences')
      .select(['due_date', 'extended_due', 'version'])
      .where('id', '=', occ.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ due_date: occ.due, extended_due: requestedDue, version: 2 });

    const twice = await decide('staff', id, { approve: false, version: 2 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('不能重复审批');

    const seen = await t.as('dept_a', { method: 'GET', url: `/api/extensions/${id}` });
    expect(seen.json()).toMatchObject({ extension: { status: 'approved' }, occurrence: { extendedDue: requestedDue } });

    // The next request is measured against the extended date.
    const between = await ask('dept_a', occ.id, addDays(today, 30));
    expect(between.statusCode).toBe(400);
    const later = await ask('dept_a', occ.id, addDays(today, 60));
    expect(later.statusCode).toBe(201);
    expect(later.json().extension.originalDue).toBe(requestedDue);
  });

  it('refused → the due date stays; a refused request cannot be decided again; a new one may follow', async () => {
    const occ = await futureOccurrence(5);
    const asked = await ask('dept_a', occ.id, addDays(today, 20));
    const id = asked.json().extension.id as number;
    const refused = await decide('staff', id, { approve: false, note: '理由不充分', version: 1 });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      extension: { status: 'refused', decisionNote: '理由不充分', decidedBy: userIds.get('staff') },
      occurrence: { dueDate: occ.due, extendedDue: null, effectiveDue: occ.due, version: 1 },
    });
    expect((await decide('admin', id, { approve: true, version: 2 })).statusCode).toBe(409);
    const stored = await db
      .selectFrom('occurrences')
      .select('extended_due')
      .where('id', '=', occ.id)
      .executeTakeFirstOrThrow();
    expect(stored.extended_due).toBeNull();
    expect((await ask('dept_a', occ.id, addDays(today, 15))).statusCode).toBe(201);
  });

  it("another department's request is a 404 like a missing one; enterprise 403; anonymous 401", async () => {
    const occ = await futureOccurrence(8);
    const id = (await ask('dept_a', occ.id, addDays(today, 30))).json().extension.id as number;
    const other = await t.as('dept_b', { method: 'GET', url: `/api/extensions/${id}` });
    const missing = await t.as('dept_b', { method: 'GET', url: '/api/extensions/99999999' });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    const all = await t.as('dept_b', { method: 'GET', url: `/api/extensions?departmentId=${deptA}` });
    expect(all.json().extensions).toEqual([]);
    expect((await t.as('leader', { method: 'GET', url: `/api/extensions/${id}` })).statusCode).toBe(200);
    expect((await t.as('enterprise', { method: 'GET', url: '/api/extensions' })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url: '/api/extensions' })).statusCode).toBe(401);
    expect((await t.as(null, { method: 'POST', url: `/api/extensions/${id}/decide`, payload: {} })).statusCode).toBe(
      401,
    );
  });

  it('two requests or two decisions at once: exactly one wins, the other gets 409', async () => {
    const occ = await futureOccurrence(12);
    const asks = await Promise.all([
      ask('dept_a', occ.id, addDays(today, 30)),
      ask('dept_a', occ.id, addDays(today, 31)),
    ]);
    expect(asks.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const id = asks.find((r) => r.statusCode === 201)?.json().extension.id as number;
    const decisions = await Promise.all([
      decide('admin', id, { approve: true, version: 1 }),
      decide('staff', id, { approve: false, version: 1 }),
    ]);
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const pending = await db
      .selectFrom('extension_requests')
      .select(['status'])
      .where('occurrence_id', '=', occ.id)
      .execute();
    expect(pending).toHaveLength(1);
  });

  it('requests and decisions are in the audit trail with before/after, and the chain verifies', async () => {
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity', 'entity_id', 'before', 'after'])
      .where('action', 'in', ['extension.request', 'extension.decide', 'occurrence.extend'])
      .orderBy('id')
      .execute();
    const requests = await db
      .selectFrom('extension_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(events.filter((e) => e.action === 'extension.request')).toHaveLength(Number(requests.n));
    const decisions = events.filter((e) => e.action === 'extension.decide');
    expect(decisions).toHaveLength(3);
    expect(decisions.slice(0, 2).map((d) => JSON.parse(d.after ?? '{}').status)).toEqual(['approved', 'refused']);
    expect(JSON.parse(decisions[0]?.before ?? '{}')).toEqual({ status: 'pending', version: 1 });
    const extend = events.filter((e) => e.action === 'occurrence.extend');
    const approvals = decisions.filter((d) => JSON.parse(d.after ?? '{}').status === 'approved');
    expect(extend).toHaveLength(approvals.length);
    expect(JSON.parse(extend[0]?.before ?? '{}')).toMatchObject({ extendedDue: null, version: 1 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
