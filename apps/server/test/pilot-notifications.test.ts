import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

// Issue 13 item 2: manual returns and manual 督办 notify like automatic ones; the bell's unread count follows.
describeEachDatabase('notifications of manual returns and 督办', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部 ?? 0;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const unread = async (account: 'dept_a' | 'dept_b') => {
    const r = await t.as(account, { method: 'GET', url: '/api/notifications' });
    expect(r.statusCode).toBe(200);
    return r.json() as {
      unread: number;
      notifications: { kind: string; title: string; body: string; occurrenceId: number | null }[];
    };
  };

  it('a 督办单 recorded by hand reaches the department at once, through the outbox, with a link', async () => {
    const occ = await db
      .selectFrom('occurrences')
      .select('id')
      .where('department_id', '=', deptA)
      .where('due_date', '<', today)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await unread('dept_a');
    const otherBefore = await unread('dept_b');
    const r = await t.as('admin', {
      method: 'POST',
      url: `/api/occurrences/${occ.id}/supervision`,
      payload: { kind: 'notice', note: '督办单：逾期未报', replyBy: addDays(today, 5) },
    });
    expect(r.statusCode).toBe(201);
    const after = await unread('dept_a');
    expect(after.unread).toBe(before.unread + 1);
    expect(after.notifications[0]).toMatchObject({ kind: 'notice', occurrenceId: occ.id });
    expect(after.notifications[0]?.title).toContain('督办');
    // Same outbox as the automatic steps: a claimed manual step with the record, queue rows composed.
    const step = await db
      .selectFrom('reminder_steps')
      .select(['step', 'reason', 'supervision_action_id'])
      .where('occurrence_id', '=', occ.id)
      .executeTakeFirstOrThrow();
    expect(step).toMatchObject({
      step: `manual-notice-${r.json().id}`,
      reason: 'manual',
      supervision_action_id: r.json().id,
    });
    // Another department hears nothing.
    expect((await unread('dept_b')).unread).toBe(otherBefore.unread);
  });

  it('a report returned by hand is a notice to the department naming the item and the reason', async () => {
    const occ = await db
      .selectFrom('occurrences')
      .select('id')
      .where('department_id', '=', deptA)
      .where('report_state', '=', 'none')
      .orderBy('due_date', 'desc')
      .executeTakeFirstOrThrow();
    const created = await t.as('dept_a', {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: occ.id, text: '已完成', workDate: today },
    });
    expect(created.statusCode).toBe(201);
    const report = created.json() as { id: number; version: number };
    const submitted = await t.as('dept_a', {
      method: 'POST',
      url: `/api/reports/${report.id}/submit`,
      payload: { version: report.version },
    });
    expect(submitted.statusCode).toBe(200);
    const before = await unread('dept_a');
    const returned = await t.as('staff', {
      method: 'POST',
      url: `/api/reports/${report.id}/return`,
      payload: { reason: '请补充现场照片', version: submitted.json().version },
    });
    expect(returned.statusCode).toBe(200);
    const after = await unread('dept_a');
    expect(after.unread).toBe(before.unread + 1);
    expect(after.notifications[0]).toMatchObject({ kind: 'returned', occurrenceId: occ.id });
    expect(after.notifications[0]?.title).toMatch(/^工作进展被退回：第.+项$/);
    expect(after.notifications[0]?.body).toContain('请补充现场照片');
  });
});

// Issue 13 item 3 (server part): a password set by someone else must be changed by its owner.
describeEachDatabase('forced password change flag', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a reset password marks the account; the owner choosing a new one clears it', async () => {
    const db = get().handle.db;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'dept_c').executeTakeFirstOrThrow();
    const reset = await t.as('admin', {
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      payload: { password: 'Office-set-pass-2026' },
    });
    expect(reset.statusCode).toBeLessThan(300);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept_c', password: 'Office-set-pass-2026' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { oldPassword: 'Office-set-pass-2026', newPassword: 'Owner-chosen-pass-2026' },
    });
    expect(changed.statusCode).toBeLessThan(300);
    const row = await db
      .selectFrom('users')
      .select('must_change_password')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
  });
});
