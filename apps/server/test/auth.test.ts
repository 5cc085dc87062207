import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { THROTTLE } from '../src/modules/auth/login-throttle.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

describeEachDatabase('accounts and sessions', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it('signs in with an HttpOnly SameSite cookie and stores only an argon2 hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept_a', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json().user).toMatchObject({
      username: 'dept_a',
      role: 'department',
      departmentId: t.departmentIds.应急管理部,
    });
    const row = await get()
      .handle.db.selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'dept_a')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await get().handle.db.selectFrom('sessions').select('id_hash').execute();
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie?.value);
  });

  it('tells the header the person and the department (/api/auth/me), not only the login name', async () => {
    await get().handle.db.updateTable('users').set({ display_name: '张三' }).where('username', '=', 'dept_a').execute();
    const dept = await t.as('dept_a', { method: 'GET', url: '/api/auth/me' });
    expect(dept.statusCode).toBe(200);
    expect(dept.json().user).toMatchObject({ username: 'dept_a', displayName: '张三', departmentName: '应急管理部' });
    const office = await t.as('admin', { method: 'GET', url: '/api/auth/me' });
    expect(office.json().user).toMatchObject({ username: 'admin', displayName: 'admin', departmentName: null });
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept_b', password: 'wrong-password' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('slows repeated failures down instead of locking: the right password still gets in, answers stay alike', async () => {
    const saved = { ...THROTTLE };
    Object.assign(THROTTLE, { freeFailures: 2, baseMs: 150, capMs: 300 });
    try {
      // From another address, so the per-address rate limit (20 a minute) does not answer first.
      const attempt = async (username: string, password: string) => {
        const started = Date.now();
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password },
          remoteAddress: '10.9.8.7',
        });
        return { res, ms: Date.now() - started };
      };
      for (let i = 0; i < 5; i += 1) {
        expect((await attempt('dept_c', `bad-${i}`)).res.statusCode).toBe(401);
        expect((await attempt('no-such-user', `bad-${i}`)).res.statusCode).toBe(401);
      }
      // Throttled: an existing and an invented username wait alike and answer with the same status and body.
      const known = await attempt('dept_c', 'bad-again');
      const unknown = await attempt('no-such-user', 'bad-again');
      expect(known.ms).toBeGreaterThanOrEqual(290);
      expect(unknown.ms).toBeGreaterThanOrEqual(290);
      expect(known.res.statusCode).toBe(unknown.res.statusCode);
      expect(known.res.body).toBe(unknown.res.body);
      // No lock anyone can trigger: the owner, with the right password, gets in after the delay.
      const owner = await attempt('dept_c', TEST_PASSWORD);
      expect(owner.res.statusCode).toBe(200);
      expect(owner.ms).toBeGreaterThanOrEqual(290);
      // Success forgets the failures.
      const left = await get()
        .handle.db.selectFrom('login_throttle')
        .select('failures')
        .where('throttle_key', '=', 'login:dept_c')
        .executeTakeFirst();
      expect(left).toBeUndefined();
    } finally {
      Object.assign(THROTTLE, saved);
    }
    // The administrator's reset still works and forgets failures.
    const reset = await t.as('admin', {
      method: 'POST',
      url: `/api/users/${await userId('dept_c')}/reset-password`,
      payload: { password: 'a-brand-new-password' },
    });
    expect(reset.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'DEPT_C', password: 'a-brand-new-password' },
    });
    expect(again.statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await t.login('staff');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: s.cookie },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'another-long-password' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('changes a password, and refuses a short one', async () => {
    const short = await t.as('leader', {
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const ok = await t.as('leader', {
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'chief-new-passphrase' },
    });
    expect(ok.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: 'chief-new-passphrase' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('API tokens: created once, hashed at rest, scoped to a role, revoked tokens refused', async () => {
    const created = await t.as('admin', {
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: '大屏', role: 'leader' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    const stored = await get().handle.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    // The token is its own principal (no user), never the administrator who created it.
    expect(me.json().user).toMatchObject({ kind: 'token', role: 'leader', userId: null, username: 'token:大屏' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    const notAdmin = await t.as('staff', {
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', role: 'office_admin' },
    });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('logs out, and the old cookie no longer works', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enterprise', password: TEST_PASSWORD },
    });
    const cookie = `duban_session=${res.cookies.find((c) => c.name === 'duban_session')?.value}`;
    const csrf = res.json().csrfToken;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('wrote every change to an intact audit chain', async () => {
    const actions = (await get().handle.db.selectFrom('audit_events').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'auth.login',
        'auth.login_failed',
        'user.password_reset',
        'user.password_change',
        'api_token.create',
        'auth.logout',
      ]),
    );
    expect((await verifyAuditChain(get().handle.db)).ok).toBe(true);
  });

  async function userId(username: string): Promise<number> {
    const r = await get()
      .handle.db.selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return r.id;
  }
});
