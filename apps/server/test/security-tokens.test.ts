import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { THROTTLE } from '../src/modules/auth/login-throttle.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/** Issue 9 item 1 and 8: API tokens are their own principal; password change and account rules. */
describeEachDatabase('security: API tokens and accounts', (get) => {
  let t: TestApp;
  let deptA: number;
  const bearer = (token: string, options: InjectOptions) =>
    t.app.inject({ ...options, headers: { ...(options.headers ?? {}), authorization: `Bearer ${token}` } });
  const createToken = async (payload: Record<string, unknown>) =>
    t.as('admin', { method: 'POST', url: '/api/api-tokens', payload });

  beforeAll(async () => {
    t = await buildTestApp(get());
    deptA = t.departmentIds.应急管理部 as number;
  });

  it('a department token is a service identity: refused on every user-only route', async () => {
    const created = await createToken({ name: '应急接口', role: 'department', departmentId: deptA });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: string };
    const me = await bearer(token, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().user).toMatchObject({
      kind: 'token',
      userId: null,
      username: 'token:应急接口',
      role: 'department',
      departmentId: deptA,
      isHead: false,
    });
    // An office-admin token, too: it must not become the administrator who created it.
    const adminToken = (await createToken({ name: '管理接口', role: 'office_admin' })).json().token as string;
    const userOnly: InjectOptions[] = [
      {
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: TEST_PASSWORD, newPassword: 'x-new-passphrase-1' },
      },
      { method: 'GET', url: '/api/notifications' },
      { method: 'POST', url: '/api/notifications/1/read' },
      { method: 'POST', url: '/api/notifications/read-all' },
      { method: 'GET', url: '/api/notifications/preferences' },
      {
        method: 'PUT',
        url: '/api/notifications/preferences',
        payload: { email: 'attacker@example.com', emailEnabled: true, digest: false, quietHours: null },
      },
      { method: 'GET', url: '/api/calendar-feeds' },
      { method: 'POST', url: '/api/calendar-feeds', payload: { kind: 'user' } },
      { method: 'DELETE', url: '/api/calendar-feeds/1' },
      { method: 'GET', url: '/api/api-tokens' },
      { method: 'POST', url: '/api/api-tokens', payload: { name: 'x', role: 'office_admin' } },
      { method: 'POST', url: '/api/api-tokens/1/revoke' },
      {
        method: 'POST',
        url: '/api/users',
        payload: { username: 'evil', displayName: 'x', role: 'office_admin', password: 'evil-long-passphrase' },
      },
      { method: 'POST', url: '/api/users/1/reset-password', payload: { password: 'evil-long-passphrase' } },
    ];
    for (const tok of [token, adminToken]) {
      for (const req of userOnly) {
        const res = await bearer(tok, req);
        expect.soft(res.statusCode, `${req.method} ${req.url}`).toBe(403);
      }
    }
    // Writes that need an author refuse tokens (no report authored as someone else).
    const inbox = (await bearer(token, { method: 'GET', url: '/api/inbox?year=2024' })).json() as {
      items: { occurrenceId?: number; id?: number }[];
    };
    const occurrenceId = inbox.items[0]?.occurrenceId ?? inbox.items[0]?.id;
    const report = await bearer(token, {
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId, text: '令牌冒名填报', workDate: '2024-03-01' },
    });
    expect(report.statusCode).toBe(403);
    // Nothing was changed in anyone's name.
    const prefs = await get().handle.db.selectFrom('notification_preferences').selectAll().execute();
    expect(prefs.filter((p) => (p as { email?: string | null }).email === 'attacker@example.com')).toEqual([]);
  });

  it('tokens expire, are listed without their secret, and can be revoked', async () => {
    const missingDept = await createToken({ name: 'x', role: 'department', departmentId: 987654 });
    expect(missingDept.statusCode).toBe(400);
    expect(missingDept.json().error.message).toContain('不存在');
    const noDept = await createToken({ name: 'x', role: 'department' });
    expect(noDept.statusCode).toBe(400);
    const created = (await createToken({ name: '短期', role: 'leader', expiresInDays: 1 })).json() as {
      id: number;
      token: string;
      expiresAt: string;
    };
    const inADay = Date.now() + 86_400_000;
    expect(Math.abs(Date.parse(created.expiresAt) - inADay)).toBeLessThan(60_000);
    expect((await bearer(created.token, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const list = await t.as('admin', { method: 'GET', url: '/api/api-tokens' });
    expect(list.statusCode).toBe(200);
    const row = list.json().tokens.find((x: { id: number }) => x.id === created.id);
    expect(row).toMatchObject({ name: '短期', role: 'leader', status: 'active', createdBy: 'admin' });
    expect(list.body).not.toContain(created.token);
    expect((await t.as('staff', { method: 'GET', url: '/api/api-tokens' })).statusCode).toBe(403);
    // Expired: refused.
    await get()
      .handle.db.updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', created.id)
      .execute();
    expect((await bearer(created.token, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const listed = (await t.as('admin', { method: 'GET', url: '/api/api-tokens' })).json().tokens;
    expect(listed.find((x: { id: number }) => x.id === created.id).status).toBe('expired');
    // Revoked: refused; revoking twice is fine; a missing id is 404.
    const other = (await createToken({ name: '撤销', role: 'leader' })).json() as { id: number; token: string };
    const revoke = await t.as('admin', { method: 'POST', url: `/api/api-tokens/${other.id}/revoke` });
    expect(revoke.statusCode).toBe(200);
    expect((await t.as('admin', { method: 'POST', url: `/api/api-tokens/${other.id}/revoke` })).statusCode).toBe(200);
    expect((await t.as('admin', { method: 'POST', url: '/api/api-tokens/987654/revoke' })).statusCode).toBe(404);
    expect((await bearer(other.token, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('password change: old password first, slowed down like sign-in, ends the other sessions', async () => {
    // A second session of the same user (another browser).
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept_b', password: TEST_PASSWORD },
    });
    const otherCookie = `duban_session=${other.cookies.find((c) => c.name === 'duban_session')?.value}`;
    // Wrong old password with a weak new one: the old password is checked first (the rules say nothing yet).
    const wrongOld = await t.as('dept_b', {
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'not-it', newPassword: 'short' },
    });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().error.details[0].path).toBe('oldPassword');
    // Repeated guesses are slowed down.
    const saved = { ...THROTTLE };
    Object.assign(THROTTLE, { freeFailures: 2, baseMs: 200, capMs: 200 });
    try {
      for (let i = 0; i < 2; i += 1) {
        await t.as('dept_b', {
          method: 'POST',
          url: '/api/auth/password',
          payload: { oldPassword: `guess-${i}`, newPassword: 'whatever-passphrase' },
        });
      }
      const started = Date.now();
      const slow = await t.as('dept_b', {
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: 'guess-x', newPassword: 'whatever-passphrase' },
      });
      expect(slow.statusCode).toBe(400);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      Object.assign(THROTTLE, saved);
    }
    const common = await t.as('dept_b', {
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'Password2026!' },
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.message).toContain('常见');
    const ok = await t.as('dept_b', {
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'river-lantern-2026' },
    });
    expect(ok.statusCode).toBe(200);
    // This session goes on; the other one has ended.
    expect((await t.as('dept_b', { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: otherCookie } })).statusCode,
    ).toBe(401);
  });

  it('usernames are unique regardless of case; common passwords are refused for new accounts', async () => {
    const dup = await t.as('admin', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'Dept_A', displayName: 'x', role: 'leader', password: 'long-enough-passphrase' },
    });
    expect(dup.statusCode).toBe(409);
    const weak = await t.as('admin', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', displayName: 'x', role: 'leader', password: 'qwertyuiop' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    // The database refuses a case-twin too (unique index on lower(username)).
    await expect(
      get()
        .handle.db.insertInto('users')
        .values({
          org_unit_id: t.scope.orgUnitId,
          username: 'LEADER',
          display_name: 'x',
          role: 'leader',
          department_id: null,
          password_hash: 'x',
          disabled: 0,
          created_at: new Date().toISOString(),
          enterprise_id: null,
          locked_until: null,
        })
        .execute(),
    ).rejects.toThrow();
  });
});
