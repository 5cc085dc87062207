import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/database.ts';
import { findUnitDepartmentByName } from '../../src/modules/departments/departments.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { type AccountName, TEST_PASSWORD, type TestApp } from '../app-harness.ts';

/**
 * The role × route matrix, split by domain. 'ok' = allowed (any answer but 401/403/404), 'deny' = 403 (401 when
 * anonymous), 'hidden' = 404, identical to a record that does not exist. A role left out of `access` means 'deny'.
 * route-matrix.test.ts fails when a registered /api route has no row in any matrix.
 */
export type Access = 'ok' | 'deny' | 'hidden';
export type Who = 'anonymous' | AccountName | 'inspector';

/**
 * Who every row is tried as. An account added to app-harness for a new role is added here too. 'inspector' is a
 * department account of dept_a's department (应急管理部), not its head, registered in the inspector pool: in
 * inspections it reaches only the inspections whose team it is on; everywhere else it is a department account of
 * that department, so a row that does not name it gives it dept_a's access (`accessOf`).
 */
export const WHO: Who[] = ['anonymous', 'admin', 'staff', 'leader', 'dept_a', 'dept_b', 'enterprise', 'inspector'];

export function accessOf(access: Partial<Record<Who, Access>>, who: Who): Access {
  if (who === 'inspector') return access.inspector ?? access.dept_a ?? 'deny';
  return access[who] ?? 'deny';
}

/** Creates the inspector account, registers it in the inspector pool and returns `as` for it. */
export async function setupInspector(
  t: TestApp,
  db: Db,
): Promise<(options: InjectOptions) => Promise<LightMyRequestResponse>> {
  const department = await findUnitDepartmentByName(db, t.scope.orgUnitId, '应急管理部');
  if (!department) throw new Error('no department 应急管理部');
  const userId = await createUser(
    db,
    { actor: 'test', orgUnitId: t.scope.orgUnitId },
    {
      username: 'mx_inspector',
      displayName: '矩阵执法人员',
      role: 'department',
      departmentId: department.id,
      isHead: false,
      password: TEST_PASSWORD,
    },
  );
  const registered = await t.as('admin', {
    method: 'POST',
    url: '/api/inspectors',
    payload: { kind: 'staff', userId, name: '矩阵执法人员', departmentId: department.id },
  });
  if (registered.statusCode !== 201) throw new Error(`inspector: ${registered.body}`);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'mx_inspector', password: TEST_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === 'duban_session');
  if (login.statusCode !== 200 || !cookie) throw new Error(`login mx_inspector: ${login.body}`);
  const session = { cookie: `duban_session=${cookie.value}`, csrf: login.json().csrfToken as string };
  return (options) =>
    t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
}

export interface MatrixCase<F> {
  route: string;
  request: (f: F) => InjectOptions;
  access: Partial<Record<Who, Access>>;
}

/** One domain's rows and the records they need, created once per database by `setup`. */
export interface DomainMatrix<F> {
  name: string;
  setup: (t: TestApp, db: Db) => Promise<F>;
  cases: MatrixCase<F>[];
}

export const OFFICE_ONLY = { admin: 'ok', staff: 'ok' } as const;
export const EVERY_SIGNED_IN = {
  admin: 'ok',
  staff: 'ok',
  leader: 'ok',
  dept_a: 'ok',
  dept_b: 'ok',
  enterprise: 'ok',
} as const;
export const PUBLIC = { anonymous: 'ok', ...EVERY_SIGNED_IN } as const;

/** Defines a domain's matrix with its fixture type inferred from `setup`. */
export function domainMatrix<F>(m: DomainMatrix<F>): DomainMatrix<F> {
  return m;
}
