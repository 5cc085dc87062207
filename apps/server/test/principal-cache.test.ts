import { beforeAll, expect, it } from 'vitest';
import { PRINCIPAL_CACHE_TTL_MS } from '../src/modules/auth/principal-cache.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * The in-process principal cache (modules/auth/principal-cache.ts): a session is looked up in the database at most
 * once per few seconds, yet signing out and password changes/resets on this instance end sessions at once.
 */
describeEachDatabase('principal cache', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  async function signIn(username: string, password = TEST_PASSWORD) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    const value = res.cookies.find((c) => c.name === 'duban_session')?.value;
    return { cookie: `duban_session=${value}`, csrf: res.json().csrfToken as string };
  }
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('serves a session from the cache: a row deleted behind its back still answers within the TTL', async () => {
    expect(PRINCIPAL_CACHE_TTL_MS).toBeLessThanOrEqual(10_000);
    const s = await signIn('leader');
    expect((await me(s.cookie)).statusCode).toBe(200);
    // Another instance (or an operator) deletes every session of the user: this instance notices within the TTL.
    const { db } = get().handle;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow();
    await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    expect((await me(s.cookie)).statusCode).toBe(200);
  });

  it('signing out ends the session at once on this instance, even though it was cached', async () => {
    const s = await signIn('dept_c');
    expect((await me(s.cookie)).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.statusCode).toBe(200);
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('a password reset ends every cached session of the user at once; a change ends the others', async () => {
    const first = await signIn('dept_b');
    const second = await signIn('dept_b');
    expect((await me(first.cookie)).statusCode).toBe(200);
    expect((await me(second.cookie)).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'lantern-river-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(first.cookie)).statusCode).toBe(200);
    expect((await me(second.cookie)).statusCode).toBe(401);

    const userId = (await me(first.cookie)).json().user.userId as number;
    const reset = await t.as('admin', {
      method: 'POST',
      url: `/api/users/${userId}/reset-password`,
      payload: { password: 'meadow-copper-2026' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await me(first.cookie)).statusCode).toBe(401);
  });
});
