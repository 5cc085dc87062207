import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { recordSupervisionAction } from '../src/modules/supervision/record-action.ts';
import { officeScope } from '../src/modules/supervision/supervision.policy.ts';
import { type AccountName, buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

describeEachDatabase('supervision ladder (督办)', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let deptB: number;
  const userIds = new Map<string, number>();
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部 ?? 0;
    deptB = t.departmentIds.建设环保管理部 ?? 0;
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) userIds.set(u.username, u.id);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** An occurrence of the department already past its due date (the seed list is 2024). */
  async function lateOccurrence(departmentId: number, skip = 0): Promise<number> {
    const row = await db
      .selectFrom('occurrences')
      .select(['id', 'due_date'])
      .where('department_id', '=', departmentId)
      .where('due_date', '<', today)
      .orderBy('due_date')
      .orderBy('id')
      .offset(skip)
      .limit(1)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const record = (account: AccountName | null, occurrenceId: number, payload: Record<string, unknown>) =>
    t.as(account, { method: 'POST', url: `/api/occurrences/${occurrenceId}/supervision`, payload });

  it('walks the ladder on one late occurrence of dept_a, each step with actor and time, listed in order', async () => {
    const occ = await lateOccurrence(deptA);
    const started = new Date().toISOString();
    const reminder = await record('admin', occ, { kind: 'reminder', note: '请抓紧报送进展' });
    expect(reminder.statusCode).toBe(201);
    expect(reminder.json()).toMatchObject({
      occurrenceId: occ,
      departmentId: deptA,
      kind: 'reminder',
      actor: `user:${userIds.get('admin')}`,
      replyBy: null,
      reply: null,
      version: 1,
    });
    const urge = await record('staff', occ, { kind: 'urge', note: '催办通知：已逾期，限三日内报送' });
    expect(urge.statusCode).toBe(201);
    const replyBy = addDays(today, 7);
    const notice = await record('admin', occ, { kind: 'notice', note: '督办单〔2024〕1号', replyBy });
    expect(notice.statusCode).toBe(201);
    expect(notice.json()).toMatchObject({ kind: 'notice', replyBy });
    const noticeId = notice.json().id as number;

    // The department reads the notice and answers it in writing.
    const seen = await t.as('dept_a', { method: 'GET', url: `/api/supervision/${noticeId}` });
    expect(seen.statusCode).toBe(200);
    const replied = await t.as('dept_a', {
      method: 'POST',
      url: `/api/supervision/${noticeId}/reply`,
      payload: { text: '已制定整改计划，本月底前完成', version: 1 },
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json()).toMatchObject({
      reply: { text: '已制定整改计划，本月底前完成', byUserId: userIds.get('dept_a') },
      version: 2,
    });

    const interview = await record('admin', occ, { kind: 'interview', note: '约谈应急管理部负责人' });
    expect(interview.statusCode).toBe(201);
    const bulletin = await record('staff', occ, { kind: 'bulletin', note: '通报批评' });
    expect(bulletin.statusCode).toBe(201);

    for (const account of ['admin', 'leader', 'dept_a'] as const) {
      const list = await t.as(account, { method: 'GET', url: `/api/supervision?occurrenceId=${occ}` });
      expect(list.statusCode).toBe(200);
      const actions = list.json().actions as { kind: string; actor: string; createdAt: string }[];
      expect(actions.map((a) => a.kind)).toEqual(['reminder', 'urge', 'notice', 'interview', 'bulletin']);
      expect(actions.map((a) => a.actor)).toEqual(
        ['admin', 'staff', 'admin', 'admin', 'staff'].map((u) => `user:${userIds.get(u)}`),
      );
      const times = actions.map((a) => a.createdAt);
      expect(times.every((x) => x >= started && !Number.isNaN(Date.parse(x)))).toBe(true);
      expect([...times].sort()).toEqual(times);
    }
    const notices = await t.as('staff', { method: 'GET', url: `/api/supervision?kind=notice&departmentId=${deptA}` });
    expect(notices.json().actions.map((a: { id: number }) => a.id)).toContain(noticeId);
  });

  it('a notice needs a reply date today or later, and only a notice has one', async () => {
    const occ = await lateOccurrence(deptA, 4);
    const missing = await record('admin', occ, { kind: 'notice', note: '督办单' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error.details)).toContain('replyBy');
    const past = await record('admin', occ, { kind: 'notice', note: '督办单', replyBy: addDays(today, -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([{ path: 'replyBy', message: expect.any(String) }]);
    expect(past.json().error.message).toMatch(/回复期限/);
    const notADate = await record('admin', occ, { kind: 'notice', note: '督办单', replyBy: '2025-02-30' });
    expect(notADate.statusCode).toBe(400);
    const onReminder = await record('admin', occ, { kind: 'reminder', note: '提醒', replyBy: today });
    expect(onReminder.statusCode).toBe(400);
    const unknown = await record('admin', 99_999_999, { kind: 'reminder', note: '提醒' });
    expect(unknown.statusCode).toBe(404);

    // The service takes the clock: the reply date may be "today" in Asia/Shanghai, not yesterday.
    const admin = officeScope(adminPrincipal());
    const now = new Date('2024-03-10T23:30:00+08:00');
    const ok = await recordSupervisionAction(
      db,
      admin,
      occ,
      { kind: 'notice', note: '当日回复', replyBy: '2024-03-10' },
      now,
    );
    expect(ok).toMatchObject({ replyBy: '2024-03-10', createdAt: now.toISOString() });
    await expect(
      recordSupervisionAction(db, admin, occ, { kind: 'notice', note: 'x', replyBy: '2024-03-09' }, now),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it("another department can neither see nor answer dept_a's records: the 404 is the one for a missing id", async () => {
    const occ = await lateOccurrence(deptA, 1);
    const notice = await record('staff', occ, { kind: 'notice', note: '督办单', replyBy: addDays(today, 3) });
    const id = notice.json().id as number;

    const other = await t.as('dept_b', { method: 'GET', url: `/api/supervision/${id}` });
    const missing = await t.as('dept_b', { method: 'GET', url: '/api/supervision/99999999' });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);

    const payload = { text: '越权回复', version: 1 };
    const otherReply = await t.as('dept_b', { method: 'POST', url: `/api/supervision/${id}/reply`, payload });
    const missingReply = await t.as('dept_b', { method: 'POST', url: '/api/supervision/99999999/reply', payload });
    expect(otherReply.statusCode).toBe(404);
    expect(otherReply.body).toBe(missingReply.body);

    for (const url of [
      '/api/supervision',
      `/api/supervision?departmentId=${deptA}`,
      `/api/supervision?occurrenceId=${occ}`,
    ]) {
      const list = await t.as('dept_b', { method: 'GET', url });
      expect(list.statusCode).toBe(200);
      expect(list.json().actions.every((a: { departmentId: number }) => a.departmentId === deptB)).toBe(true);
      expect(list.json().actions.map((a: { id: number }) => a.id)).not.toContain(id);
    }
    const row = await db
      .selectFrom('supervision_actions')
      .select('reply_text')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.reply_text).toBeNull();
  });

  it('a notice is answered once; a stale version gives 409 with currentVersion; only notices take replies', async () => {
    const occ = await lateOccurrence(deptA, 2);
    const notice = await record('admin', occ, { kind: 'notice', note: '督办单', replyBy: addDays(today, 5) });
    const id = notice.json().id as number;
    const url = `/api/supervision/${id}/reply`;

    const stale = await t.as('dept_a', { method: 'POST', url, payload: { text: '回复', version: 7 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 1 } });

    const first = await t.as('dept_a', { method: 'POST', url, payload: { text: '第一次回复', version: 1 } });
    expect(first.statusCode).toBe(200);
    const second = await t.as('dept_a', { method: 'POST', url, payload: { text: '第二次回复', version: 2 } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('已回复');
    const kept = await t.as('dept_a', { method: 'GET', url: `/api/supervision/${id}` });
    expect(kept.json().reply.text).toBe('第一次回复');

    const reminder = await record('admin', occ, { kind: 'reminder', note: '提醒' });
    const onReminder = await t.as('dept_a', {
      method: 'POST',
      url: `/api/supervision/${reminder.json().id}/reply`,
      payload: { text: '回复', version: 1 },
    });
    expect(onReminder.statusCode).toBe(400);
  });

  it('leaders read but write nothing; departments and enterprises cannot record; anonymous is 401', async () => {
    const occ = await lateOccurrence(deptA, 3);
    const notice = await record('admin', occ, { kind: 'notice', note: '督办单', replyBy: addDays(today, 5) });
    const id = notice.json().id as number;
    const reply = { text: '回复', version: 1 };

    for (const account of ['leader', 'dept_a', 'enterprise'] as const) {
      expect((await record(account, occ, { kind: 'reminder', note: '提醒' })).statusCode).toBe(403);
    }
    for (const account of ['leader', 'admin', 'staff', 'enterprise'] as const) {
      const res = await t.as(account, { method: 'POST', url: `/api/supervision/${id}/reply`, payload: reply });
      expect(res.statusCode).toBe(403);
    }
    // The role is checked before the body: a leader learns nothing from a malformed request either.
    expect((await record('leader', occ, { kind: 'nonsense' })).statusCode).toBe(403);
    expect((await t.as('leader', { method: 'GET', url: `/api/supervision/${id}` })).statusCode).toBe(200);
    expect((await t.as('enterprise', { method: 'GET', url: `/api/supervision/${id}` })).statusCode).toBe(403);
    expect((await t.as('enterprise', { method: 'GET', url: '/api/supervision' })).statusCode).toBe(403);
    expect((await t.as(null, { method: 'GET', url: '/api/supervision' })).statusCode).toBe(401);
    expect((await record(null, occ, { kind: 'reminder', note: 'x' })).statusCode).toBe(401);
    const count = await db
      .selectFrom('supervision_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('occurrence_id', '=', occ)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('the routes are in the OpenAPI document with their contracts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    for (const path of [
      '/api/occurrences/{id}/supervision',
      '/api/supervision',
      '/api/supervision/{id}',
      '/api/supervision/{id}/reply',
      '/api/occurrences/{id}/extensions',
      '/api/extensions',
      '/api/extensions/{id}',
      '/api/extensions/{id}/decide',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('every step is in the audit trail, and the chain verifies', async () => {
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity', 'before', 'after'])
      .where('action', 'like', 'supervision.%')
      .orderBy('id')
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'supervision.record').length).toBeGreaterThanOrEqual(9);
    expect(actions.filter((a) => a === 'supervision.reply')).toHaveLength(2);
    const reply = events.find((e) => e.action === 'supervision.reply');
    expect(JSON.parse(reply?.before ?? 'null')).toMatchObject({ replyText: null, version: 1 });
    expect(JSON.parse(reply?.after ?? 'null')).toMatchObject({ version: 2 });
    const rows = await db
      .selectFrom('supervision_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(actions.filter((a) => a === 'supervision.record')).toHaveLength(Number(rows.n));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  function adminPrincipal() {
    return {
      kind: 'session' as const,
      userId: userIds.get('admin') ?? null,
      username: 'admin',
      role: 'office_admin' as const,
      orgUnitId: t.scope.orgUnitId,
      departmentId: null,
      isHead: false,
      actor: `user:${userIds.get('admin')}`,
    };
  }
});
