import { DEFAULT_WHISTLE_POLICY } from '@duban/shared/whistleblowing/whistle-policy';
import type { Db } from '../../src/db/database.ts';
import { setReportHandler } from '../../src/modules/users/report-handler.ts';
import type { TestApp } from '../app-harness.ts';
import { JPEG, submitReport } from '../whistle-helpers.ts';
import { type Access, domainMatrix, OFFICE_ONLY, PUBLIC, type Who } from './matrix-types.ts';

/**
 * 举报 and the public portal. In this matrix `admin` holds the whistleblower-handler permission (granted in setup);
 * `staff` is an office account without it and is refused like every other role. dept_a is the department a report
 * is assigned to (reads it and records the investigation); dept_b sees it as missing.
 */
const HANDLER: Partial<Record<Who, Access>> = { admin: 'ok' };
const ASSIGNED: Partial<Record<Who, Access>> = { admin: 'ok', dept_a: 'ok', dept_b: 'hidden' };
const LISTERS: Partial<Record<Who, Access>> = { admin: 'ok', dept_a: 'ok', dept_b: 'ok' };

interface Fixture {
  reportA: number;
  code: string;
  password: string;
  attachmentA: number;
  concluded: number;
  rewardA: number;
  adminId: number;
  slug: string;
}

const post = (url: string, payload: unknown) => ({ method: 'POST' as const, url, payload: payload as object });

export const whistleblowingMatrix = domainMatrix<Fixture>({
  name: 'whistleblowing and public portal',
  async setup(t: TestApp, db: Db) {
    const adminId = (
      await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    await setReportHandler(db, { orgUnitId: t.scope.orgUnitId, actor: 'test' }, adminId, true);
    const sent = await submitReport(t, {
      ip: '10.200.0.1',
      fields: { anonymous: 'false', name: '矩阵', contact: '13000000000' },
      files: [{ filename: 'p.jpg', content: JPEG }],
    });
    const { receiptCode: code, password } = sent.json() as { receiptCode: string; password: string };
    const id = async (c: string) =>
      (await db.selectFrom('whistle_reports').select('id').where('receipt_code', '=', c).executeTakeFirstOrThrow()).id;
    const reportA = await id(code);
    const attachmentA = (
      await db.selectFrom('whistle_attachments').select('id').where('report_id', '=', reportA).executeTakeFirstOrThrow()
    ).id;
    const accepted = await t.as('admin', {
      method: 'POST',
      url: `/api/whistle/reports/${reportA}/accept`,
      payload: { version: 1, departmentId: t.departmentIds['应急管理部'] },
    });
    if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.body}`);
    const second = (await submitReport(t, { ip: '10.200.0.2' })).json() as { receiptCode: string };
    const concluded = await id(second.receiptCode);
    await t.as('admin', { method: 'POST', url: `/api/whistle/reports/${concluded}/accept`, payload: { version: 1 } });
    await t.as('admin', {
      method: 'POST',
      url: `/api/whistle/reports/${concluded}/conclude`,
      payload: { version: 2, conclusion: 'verified', reason: '属实' },
    });
    const reward = await t.as('admin', {
      method: 'POST',
      url: `/api/whistle/reports/${concluded}/reward`,
      payload: { basis: 'fine', fineYuan: 50000 },
    });
    if (reward.statusCode !== 201) throw new Error(`reward: ${reward.body}`);
    const article = await t.as('admin', {
      method: 'POST',
      url: '/api/articles',
      payload: { title: 'Matrix article', bodyHtml: '<p>x</p>', published: true },
    });
    return {
      reportA,
      code,
      password,
      attachmentA,
      concluded,
      rewardA: reward.json().id as number,
      adminId,
      slug: article.json().slug as string,
    };
  },
  cases: [
    {
      route: 'GET /api/public/challenge',
      request: () => ({ method: 'GET', url: '/api/public/challenge' }),
      access: PUBLIC,
    },
    {
      route: 'POST /api/public/reports',
      request: () => ({ method: 'POST', url: '/api/public/reports', payload: {} }),
      access: PUBLIC,
    },
    {
      route: 'POST /api/public/reports/lookup',
      request: (f) => post('/api/public/reports/lookup', { receiptCode: f.code, password: f.password }),
      access: PUBLIC,
    },
    {
      route: 'POST /api/public/reports/claim',
      request: (f) => post('/api/public/reports/claim', { receiptCode: f.code, password: f.password, payee: 'x' }),
      access: PUBLIC,
    },
    {
      route: 'GET /api/public/enterprise-names',
      request: () => ({ method: 'GET', url: `/api/public/enterprise-names?q=${encodeURIComponent('测试企业')}` }),
      access: PUBLIC,
    },
    {
      route: 'GET /api/public/hazards',
      request: () => ({ method: 'GET', url: '/api/public/hazards' }),
      access: PUBLIC,
    },
    {
      route: 'GET /api/public/articles',
      request: () => ({ method: 'GET', url: '/api/public/articles' }),
      access: PUBLIC,
    },
    {
      route: 'GET /api/public/articles/:slug',
      request: (f) => ({ method: 'GET', url: `/api/public/articles/${f.slug}` }),
      access: PUBLIC,
    },
    {
      route: 'GET /api/whistle/reports',
      request: () => ({ method: 'GET', url: '/api/whistle/reports' }),
      access: LISTERS,
    },
    {
      route: 'GET /api/whistle/reports/:id',
      request: (f) => ({ method: 'GET', url: `/api/whistle/reports/${f.reportA}` }),
      access: ASSIGNED,
    },
    {
      route: 'POST /api/whistle/reports/:id/accept',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/accept`, { version: 1 }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/transfer',
      request: (f) =>
        post(`/api/whistle/reports/${f.reportA}/transfer`, { version: 1, transferTo: '某局', publicReply: '已移送' }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/duplicate',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/duplicate`, { version: 1, duplicateOf: f.concluded }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/assign',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/assign`, { version: 1, departmentId: 1 }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/investigation',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/investigation`, { version: 1, text: '核查' }),
      access: ASSIGNED,
    },
    {
      route: 'POST /api/whistle/reports/:id/extend',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/extend`, { version: 1, days: 5, reason: '检测' }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/conclude',
      request: (f) =>
        post(`/api/whistle/reports/${f.reportA}/conclude`, { version: 1, conclusion: 'unfounded', reason: '不实' }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/reply',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/reply`, { version: 1, publicReply: '答复' }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/reports/:id/identity',
      request: (f) => ({ method: 'GET', url: `/api/whistle/reports/${f.reportA}/identity` }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/reports/:id/attachments/:attachmentId',
      request: (f) => ({ method: 'GET', url: `/api/whistle/reports/${f.reportA}/attachments/${f.attachmentA}` }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/reports/:id/reward',
      request: (f) => post(`/api/whistle/reports/${f.reportA}/reward`, { basis: 'fine', fineYuan: 1000 }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/rewards',
      request: () => ({ method: 'GET', url: '/api/whistle/rewards' }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/rewards/export',
      request: () => ({ method: 'GET', url: '/api/whistle/rewards/export' }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/rewards/:id/decide',
      request: (f) => post(`/api/whistle/rewards/${f.rewardA}/decide`, { version: 99, approve: true }),
      access: HANDLER,
    },
    {
      route: 'POST /api/whistle/rewards/:id/paid',
      request: (f) => post(`/api/whistle/rewards/${f.rewardA}/paid`, { version: 99, paidOn: '2026-01-01' }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/rewards/:id/payee',
      request: (f) => ({ method: 'GET', url: `/api/whistle/rewards/${f.rewardA}/payee` }),
      access: HANDLER,
    },
    {
      route: 'GET /api/whistle/policy',
      request: () => ({ method: 'GET', url: '/api/whistle/policy' }),
      access: HANDLER,
    },
    {
      route: 'PUT /api/whistle/policy',
      request: () => ({
        method: 'PUT',
        url: '/api/whistle/policy',
        payload: { version: 99, policy: DEFAULT_WHISTLE_POLICY },
      }),
      access: HANDLER,
    },
    {
      route: 'GET /api/users/report-handlers',
      request: () => ({ method: 'GET', url: '/api/users/report-handlers' }),
      access: { admin: 'ok' },
    },
    {
      route: 'PUT /api/users/:id/report-handler',
      request: (f) => ({
        method: 'PUT',
        url: `/api/users/${f.adminId}/report-handler`,
        payload: { canHandleReports: true },
      }),
      access: { admin: 'ok' },
    },
    { route: 'GET /api/articles', request: () => ({ method: 'GET', url: '/api/articles' }), access: OFFICE_ONLY },
    {
      route: 'POST /api/articles',
      request: () => post('/api/articles', { title: 'T', bodyHtml: '<p>b</p>' }),
      access: OFFICE_ONLY,
    },
    {
      route: 'PATCH /api/articles/:id',
      request: () => ({ method: 'PATCH', url: '/api/articles/1', payload: { version: 99, title: 'x' } }),
      access: OFFICE_ONLY,
    },
  ],
});
