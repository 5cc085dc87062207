import type { Db } from '../../src/db/database.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestApp } from '../app-harness.ts';
import { codeFor, enterpriseBody, setupEnterprises } from '../enterprise-fixtures.ts';
import { multipart } from '../multipart.ts';
import { type Access, domainMatrix, EVERY_SIGNED_IN, OFFICE_ONLY, PUBLIC, type Who } from './matrix-types.ts';

/**
 * 企业名录 and the 安全生产监管责任清单. `enterpriseA` is supervised by dept_a's department (应急管理部, 行业监管);
 * dept_b's department supervises another enterprise, to which the 'enterprise' account is bound: both see
 * enterpriseA as missing.
 */
const RECORD_OF_A: Partial<Record<Who, Access>> = {
  admin: 'ok',
  staff: 'ok',
  leader: 'ok',
  dept_a: 'ok',
  dept_b: 'hidden',
  enterprise: 'hidden',
};

interface Fixture {
  enterpriseA: number;
  depA: number;
  n: number;
}

const CSV = (n: number) =>
  new TextEncoder().encode(`企业名称,统一社会信用代码,行业类别\n矩阵企业${n},${codeFor(8000 + n)},机械\n`);

export const enterprisesMatrix = domainMatrix<Fixture>({
  name: 'enterprises and the supervision list',
  async setup(t: TestApp, db: Db) {
    const ids = await setupEnterprises(t, 7000);
    // A second enterprise account, bound (and re-bound) by the accounts row; the harness's stays on its enterprise.
    await createUser(
      db,
      { actor: 'test', orgUnitId: t.scope.orgUnitId },
      {
        username: 'ent_matrix',
        displayName: '矩阵企业账号',
        role: 'enterprise',
        departmentId: null,
        isHead: false,
        password: TEST_PASSWORD,
      },
    );
    return { enterpriseA: ids.supervisedByA, depA: ids.depA, n: 0 };
  },
  cases: [
    {
      route: 'GET /api/enterprises',
      request: () => ({ method: 'GET', url: '/api/enterprises' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'POST /api/enterprises',
      request: (f) => ({ method: 'POST', url: '/api/enterprises', payload: enterpriseBody(7100 + f.n, []) }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/enterprises/:id',
      request: (f) => ({ method: 'GET', url: `/api/enterprises/${f.enterpriseA}` }),
      access: RECORD_OF_A,
    },
    {
      route: 'PUT /api/enterprises/:id',
      request: (f) => ({
        method: 'PUT',
        url: `/api/enterprises/${f.enterpriseA}`,
        payload: { ...enterpriseBody(7001, [{ departmentId: f.depA, role: 'industry' }]), version: 1 },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/enterprises/:id/status',
      request: (f) => ({
        method: 'POST',
        url: `/api/enterprises/${f.enterpriseA}/status`,
        payload: { status: 'operating', on: '2026-12-01', version: 1 },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/enterprises/:id/versions',
      request: (f) => ({ method: 'GET', url: `/api/enterprises/${f.enterpriseA}/versions` }),
      access: RECORD_OF_A,
    },
    {
      route: 'POST /api/enterprises/:id/accounts',
      request: (f) => ({
        method: 'POST',
        url: `/api/enterprises/${f.enterpriseA}/accounts`,
        payload: { username: 'ent_matrix' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/enterprises/import',
      request: (f) => ({
        method: 'POST',
        url: '/api/enterprises/import?dryRun=1',
        ...multipart({}, [{ field: 'file', filename: 'm.csv', content: CSV(f.n) }]),
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/enterprise-catalogue',
      request: () => ({ method: 'GET', url: '/api/enterprise-catalogue' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'POST /api/enterprise-catalogue',
      request: (f) => ({
        method: 'POST',
        url: '/api/enterprise-catalogue',
        payload: { name: `矩阵行业${f.n}`, kind: 'industry' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/supervision-list',
      request: () => ({ method: 'GET', url: '/api/supervision-list' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'GET /api/supervision-list/export',
      request: () => ({ method: 'GET', url: '/api/supervision-list/export?format=xlsx' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'GET /api/public/supervision-list',
      request: () => ({ method: 'GET', url: '/api/public/supervision-list' }),
      access: PUBLIC,
    },
  ],
});
