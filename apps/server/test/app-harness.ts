import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/app-context.ts';
import type { UserRole } from '../src/db/schema.ts';
import { findUnitDepartmentByName } from '../src/modules/departments/departments.service.ts';
import type { DefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import type { TestDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

/** The accounts every route test can sign in as. dept_a / dept_b are two departments with shared tasks. */
export const ACCOUNTS = {
  admin: { role: 'office_admin', department: null },
  staff: { role: 'office_staff', department: null },
  leader: { role: 'leader', department: null },
  dept_a: { role: 'department', department: '应急管理部' },
  dept_b: { role: 'department', department: '建设环保管理部' },
  dept_c: { role: 'department', department: '党群工作部' },
  enterprise: { role: 'enterprise', department: null },
} as const satisfies Record<string, { role: UserRole; department: string | null }>;
export type AccountName = keyof typeof ACCOUNTS;

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  scope: DefaultScope;
  departmentIds: Record<string, number>;
  /** Signs in (once per account, cached) and returns the session cookie and CSRF token. */
  login(account: AccountName): Promise<Session>;
  /** app.inject as the account: cookie and CSRF header set. `null` sends no credentials. */
  as(account: AccountName | null, options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The app on a migrated test database with the seed list imported and one account per role. */
export async function buildTestApp(test: TestDatabase, extra: Pick<AppContext, 'senders'> = {}): Promise<TestApp> {
  const { db, dialect } = test.handle;
  const scope = await setupScope(db);
  await importBytes(db, scope, seedBytes());
  const departmentIds: Record<string, number> = {};
  for (const [username, account] of Object.entries(ACCOUNTS)) {
    let departmentId: number | null = null;
    if (account.department) {
      const dept = await findUnitDepartmentByName(db, scope.orgUnitId, account.department);
      if (!dept) throw new Error(`no department ${account.department}`);
      departmentId = dept.id;
      departmentIds[account.department] = dept.id;
    }
    await createUser(
      db,
      { actor: 'test', orgUnitId: scope.orgUnitId },
      { username, displayName: username, role: account.role, departmentId, isHead: false, password: TEST_PASSWORD },
    );
  }
  const app = await buildApp({ db, dialect, scope, secureCookies: false, dataDir: test.dataDir, ...extra });
  const sessions = new Map<AccountName, Session>();

  async function login(account: AccountName): Promise<Session> {
    const cached = sessions.get(account);
    if (cached) return cached;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: account, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${account} failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'duban_session');
    if (!cookie) throw new Error('no session cookie');
    const session = { cookie: `duban_session=${cookie.value}`, csrf: res.json().csrfToken as string };
    sessions.set(account, session);
    return session;
  }

  async function as(account: AccountName | null, options: InjectOptions) {
    if (account === null) return app.inject(options);
    const s = await login(account);
    return app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  }

  return { app, scope, departmentIds, login, as };
}
