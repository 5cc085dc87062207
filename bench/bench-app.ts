import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildApp } from '../apps/server/src/app.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import type { BenchDatabase } from './bench-database.ts';

/** The real app on 127.0.0.1 (free port) over the bench database, with an office and a department user signed in. */
export interface BenchApp {
  baseUrl: string;
  officeCookie: string;
  departmentCookie: string;
  close(): Promise<void>;
}

export const BENCH_PASSWORD = 'bench-password-0123';
/** The benchmark reads unit 1 (its campaign is 1) and signs in the user of its first department. */
export const BENCH_UNIT_ID = 1;
const BENCH_DEPARTMENT_ID = 1;

export async function signIn(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('duban_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie.split(';')[0] ?? '';
}

export async function startBenchApp(bench: BenchDatabase): Promise<BenchApp> {
  const { db, dialect } = bench.handle;
  const actor = { actor: 'bench', orgUnitId: BENCH_UNIT_ID };
  await createUser(db, actor, {
    username: 'bench-office',
    displayName: '基准安委办',
    role: 'office_admin',
    departmentId: null,
    isHead: false,
    password: BENCH_PASSWORD,
  });
  await createUser(db, actor, {
    username: 'bench-department',
    displayName: '基准部门用户',
    role: 'department',
    departmentId: BENCH_DEPARTMENT_ID,
    isHead: false,
    password: BENCH_PASSWORD,
  });
  const app = await buildApp({
    db,
    dialect,
    scope: { orgUnitId: BENCH_UNIT_ID, orgUnitName: '基准开发区1', campaignId: 1 },
    secureCookies: false,
    dataDir: join(bench.dir, 'files'),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    return {
      baseUrl,
      officeCookie: await signIn(baseUrl, 'bench-office'),
      departmentCookie: await signIn(baseUrl, 'bench-department'),
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
