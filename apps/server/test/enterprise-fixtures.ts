import { creditCodeCheckChar } from '@duban/shared/credit-code';
import type { TestApp } from './app-harness.ts';

/** A valid 统一社会信用代码 from a 17-character body (the check character computed). */
export function validCode(body17: string): string {
  const check = creditCodeCheckChar(body17);
  if (check === null) throw new Error(`bad body ${body17}`);
  return body17 + check;
}

/** A distinct valid code per number: 91140900MA0 + six digits. */
export function codeFor(n: number): string {
  return validCode(`91140900MA${String(n).padStart(7, '0')}`);
}

export function enterpriseBody(
  n: number,
  supervisors: { departmentId: number; role: 'industry' | 'territorial' | 'comprehensive' }[],
  extra: Record<string, unknown> = {},
) {
  return {
    name: `测试企业${n}有限公司`,
    creditCode: codeFor(n),
    address: `开发区测试路${n}号`,
    locality: '云中街道',
    industries: ['machinery'],
    tags: ['dust_explosion'],
    highRisk: true,
    standardizationLevel: '三级',
    riskClass: 'orange',
    employees: 120,
    principal: { name: '张三', phone: '13800000001' },
    controller: { name: '李四', phone: '13800000002' },
    safetyManager: { name: '王五', phone: '13800000003' },
    openedOn: '2019-05-01',
    supervisors,
    ...extra,
  };
}

/**
 * Two enterprises for scope tests: `supervisedByA` (应急管理部 行业监管) and `supervisedByB` (建设环保管理部 属地管理);
 * the harness account 'enterprise' is bound to supervisedByB.
 */
export async function setupEnterprises(t: TestApp, base = 900) {
  const depA = t.departmentIds['应急管理部'] as number;
  const depB = t.departmentIds['建设环保管理部'] as number;
  const a = await t.as('admin', {
    method: 'POST',
    url: '/api/enterprises',
    payload: enterpriseBody(base + 1, [{ departmentId: depA, role: 'industry' }]),
  });
  if (a.statusCode !== 201) throw new Error(`create A: ${a.body}`);
  const b = await t.as('admin', {
    method: 'POST',
    url: '/api/enterprises',
    payload: enterpriseBody(base + 2, [{ departmentId: depB, role: 'territorial' }]),
  });
  if (b.statusCode !== 201) throw new Error(`create B: ${b.body}`);
  const bind = await t.as('admin', {
    method: 'POST',
    url: `/api/enterprises/${b.json().id}/accounts`,
    payload: { username: 'enterprise' },
  });
  if (bind.statusCode !== 200) throw new Error(`bind: ${bind.body}`);
  return { supervisedByA: a.json().id as number, supervisedByB: b.json().id as number, depA, depB };
}
