import type { LightMyRequestResponse } from 'fastify';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestApp } from './app-harness.ts';
import type { TestDatabase } from './databases.ts';
import { enterpriseBody, setupEnterprises } from './enterprise-fixtures.ts';

/** A 1×1 PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export interface InspectionWorld {
  enterprises: { supervisedByA: number; supervisedByB: number; general: number[]; depA: number; depB: number };
  /** Inspector pool ids: four staff of 应急管理部 (insp1–insp4) and one expert employed by enterprise A. */
  pool: { insp: number[]; expert: number; expertId: number };
  matterId: number;
  as(user: string, options: Parameters<TestApp['as']>[1]): Promise<LightMyRequestResponse>;
}

/**
 * The inspection world on top of the harness: enterprises A (应急管理部, high risk 三级), B (建设环保管理部, bound to
 * the 'enterprise' account) and six general ones supervised by 应急管理部; four inspector accounts (department
 * users of 应急管理部, registered as staff inspectors), one expert, one matter with a three-item checklist.
 */
export async function setupInspectionWorld(t: TestApp, test: TestDatabase, base = 1500): Promise<InspectionWorld> {
  const e = await setupEnterprises(t, base);
  const general: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await t.as('admin', {
      method: 'POST',
      url: '/api/enterprises',
      payload: enterpriseBody(base + 10 + i, [{ departmentId: e.depA, role: 'industry' }], {
        highRisk: false,
        standardizationLevel: null,
        industries: [i % 2 === 0 ? 'machinery' : 'commerce'],
        tags: [],
      }),
    });
    if (r.statusCode !== 201) throw new Error(`enterprise: ${r.body}`);
    general.push(r.json().id);
  }
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function as(user: string, options: Parameters<TestApp['as']>[1]) {
    if (['admin', 'staff', 'leader', 'dept_a', 'dept_b', 'dept_c', 'enterprise'].includes(user)) {
      return t.as(user as Parameters<TestApp['as']>[0], options);
    }
    let s = sessions.get(user);
    if (!s) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${user}: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'duban_session');
      s = { cookie: `duban_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
      sessions.set(user, s);
    }
    return t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  }
  const insp: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const userId = await createUser(
      test.handle.db,
      { actor: 'test', orgUnitId: t.scope.orgUnitId },
      {
        username: `insp${i}`,
        displayName: `执法人员${i}`,
        role: 'department',
        departmentId: e.depA,
        isHead: false,
        password: TEST_PASSWORD,
      },
    );
    const r = await t.as('admin', {
      method: 'POST',
      url: '/api/inspectors',
      payload: { kind: 'staff', userId, name: `执法人员${i}`, departmentId: e.depA },
    });
    if (r.statusCode !== 201) throw new Error(`inspector: ${r.body}`);
    insp.push(r.json().id);
  }
  const expert = await t.as('admin', {
    method: 'POST',
    url: '/api/experts',
    payload: {
      name: '专家甲',
      title: '高级工程师',
      specialties: ['machinery'],
      employerEnterpriseId: e.supervisedByA,
      employerName: '企业A',
    },
  });
  if (expert.statusCode !== 201) throw new Error(`expert: ${expert.body}`);
  const expertInspector = await t.as('admin', {
    method: 'POST',
    url: '/api/inspectors',
    payload: { kind: 'expert', expertId: expert.json().id, name: '专家甲', departmentId: null },
  });
  if (expertInspector.statusCode !== 201) throw new Error(`expert inspector: ${expertInspector.body}`);
  const matter = await t.as('admin', {
    method: 'POST',
    url: '/api/inspection-matters',
    payload: {
      code: 'AQ-001',
      title: '安全生产责任制落实情况检查',
      basis: '《中华人民共和国安全生产法》第二十一条',
      checklist: ['主要负责人履职情况', '安全生产教育培训', '隐患排查治理制度'],
    },
  });
  if (matter.statusCode !== 201) throw new Error(`matter: ${matter.body}`);
  return {
    enterprises: { ...e, general },
    pool: { insp, expert: expertInspector.json().id, expertId: expert.json().id },
    matterId: matter.json().id,
    as,
  };
}
