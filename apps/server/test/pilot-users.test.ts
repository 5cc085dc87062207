import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';

/**
 * Users page (issue 13 item 3): the office administrator edits an account (name, role, department, head),
 * disables and enables it (a disabled account cannot sign in and its sessions end at once), and resets a
 * password (forced change at the next sign-in). Guards: no self-lockout, a department account needs a department,
 * stale versions refused. The reminder policy names the person who changed it, not 'user:1'.
 */
describeEachDatabase('users editing', (get) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
  });

  const user = async (username: string) => {
    const res = await t.as('admin', { method: 'GET', url: '/api/users' });
    return (
      res.json().users as {
        id: number;
        username: string;
        displayName: string;
        role: string;
        departmentId: number | null;
        isHead: boolean;
        disabled: boolean;
        mustChangePassword: boolean;
        version: number;
      }[]
    ).find((u) => u.username === username)!;
  };
  const patch = (id: number, payload: object, who: 'admin' | 'staff' = 'admin') =>
    t.as(who, { method: 'PATCH', url: `/api/users/${id}`, payload });

  it('edits name, department and head; refuses a stale version and a department account without department', async () => {
    const b = await user('dept_b');
    expect((await patch(b.id, { displayName: 'x', version: b.version }, 'staff')).statusCode).toBe(403);
    const ok = await patch(b.id, {
      displayName: '王科长',
      departmentId: t.departmentIds.应急管理部,
      isHead: true,
      version: b.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const edited = await user('dept_b');
    expect(edited).toMatchObject({
      displayName: '王科长',
      departmentId: t.departmentIds.应急管理部,
      isHead: true,
      version: b.version + 1,
    });
    const stale = await patch(b.id, { displayName: '旧', version: b.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('账号已被他人修改，请刷新后重试');

    // To leader: no department, no head flag; back to department needs one.
    expect((await patch(b.id, { role: 'leader', version: edited.version })).statusCode).toBe(200);
    const leader = await user('dept_b');
    expect(leader).toMatchObject({ role: 'leader', departmentId: null, isHead: false });
    const noDept = await patch(b.id, { role: 'department', version: leader.version });
    expect(noDept.statusCode).toBe(400);
    expect(noDept.json().error.message).toBe('部门账号必须选择所属部门');
    expect(
      (
        await patch(b.id, {
          role: 'department',
          departmentId: t.departmentIds.建设环保管理部,
          isHead: false,
          version: leader.version,
        })
      ).statusCode,
    ).toBe(200);
    // An enterprise account's role is not changed here.
    const e = await user('enterprise');
    expect((await patch(e.id, { role: 'leader', version: e.version })).statusCode).toBe(400);

    const audits = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(b.id))
      .where('action', '=', 'user.update')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('disables (sign-in refused, sessions end) and enables an account; no self-lockout', async () => {
    const c = await user('dept_c');
    await t.login('dept_c');
    expect((await t.as('dept_c', { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await patch(c.id, { disabled: true, version: c.version })).statusCode).toBe(200);
    expect((await t.as('dept_c', { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'dept_c', password: TEST_PASSWORD },
      });
    expect((await login()).statusCode).toBe(401);
    const disabled = await user('dept_c');
    expect(disabled.disabled).toBe(true);
    expect((await patch(c.id, { disabled: false, version: disabled.version })).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(200);
    const actions = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action).filter((a) => a !== 'user.login')).toEqual(
      expect.arrayContaining(['user.disable', 'user.enable']),
    );

    const me = await user('admin');
    const self = await patch(me.id, { disabled: true, version: me.version });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('不能停用或降级自己的账号');
    expect((await patch(me.id, { role: 'office_staff', version: me.version })).statusCode).toBe(400);
  });

  it('a reset password must be changed at the next sign-in', async () => {
    const a = await user('dept_a');
    const reset = await t.as('admin', {
      method: 'POST',
      url: `/api/users/${a.id}/reset-password`,
      payload: { password: 'another-horse-battery-9' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await user('dept_a')).mustChangePassword).toBe(true);
  });

  it('the reminder policy and an enterprise record’s history name the person who changed them', async () => {
    const me = await user('admin');
    expect((await patch(me.id, { displayName: '李主任', version: me.version })).statusCode).toBe(200);
    const current = await t.as('admin', { method: 'GET', url: '/api/reminder-policy' });
    expect(current.statusCode, current.body).toBe(200);
    const body = current.json() as { policy: object; version: number };
    const saved = await t.as('admin', {
      method: 'PUT',
      url: '/api/reminder-policy',
      payload: { policy: body.policy, version: body.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().updatedBy).toBe('李主任');
    expect((await t.as('staff', { method: 'GET', url: '/api/reminder-policy' })).json().updatedBy).toBe('李主任');

    // So does an enterprise record's history.
    const created = await t.as('admin', {
      method: 'POST',
      url: '/api/enterprises',
      payload: enterpriseBody(7201, [{ departmentId: t.departmentIds.应急管理部!, role: 'industry' }]),
    });
    expect(created.statusCode, created.body).toBe(201);
    const versions = await t.as('staff', { method: 'GET', url: `/api/enterprises/${created.json().id}/versions` });
    expect(versions.json().versions.map((v: { actor: string }) => v.actor)).toEqual(['李主任']);
  });
});
