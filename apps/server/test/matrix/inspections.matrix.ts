import type { Db } from '../../src/db/database.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { TEST_PASSWORD, type TestApp } from '../app-harness.ts';
import { setupEnterprises } from '../enterprise-fixtures.ts';
import { PNG_BASE64 } from '../inspections-helpers.ts';
import { type Access, domainMatrix, EVERY_SIGNED_IN, OFFICE_ONLY, type Who } from './matrix-types.ts';

/**
 * Inspections, enforcement and the expert pool. `inspectionA` is an inspection of enterpriseA (supervised by dept_a's
 * department 应急管理部) recorded for that department; dept_b's department and the 'enterprise' account (bound to
 * another enterprise) see it as missing. Leaders read everything and write nothing; enterprises read their own
 * records only and none of the plans, pools, draws, statistics or experts.
 */
const STAFF = { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'ok' } as const;
const WRITERS = { admin: 'ok', staff: 'ok', dept_a: 'ok', dept_b: 'ok' } as const;
// The inspector (matrix-types.ts: a non-head account of dept_a's department in the inspector pool) is not on
// inspection A's team: A is as missing to it as to dept_b.
const RECORD_OF_A: Partial<Record<Who, Access>> = {
  admin: 'ok',
  staff: 'ok',
  leader: 'ok',
  dept_a: 'ok',
  dept_b: 'hidden',
  enterprise: 'hidden',
  inspector: 'hidden',
};
const WRITE_RECORD_OF_A: Partial<Record<Who, Access>> = {
  admin: 'ok',
  staff: 'ok',
  dept_a: 'ok',
  dept_b: 'hidden',
  inspector: 'hidden',
};
// Enforcement decisions are the department's (inspections.policy.ts): its inspectors read and publish them too,
// whether or not they were on the inspection's team.
const ENFORCEMENT_OF_A: Partial<Record<Who, Access>> = { ...RECORD_OF_A, inspector: 'ok' };
const WRITE_ENFORCEMENT_OF_A: Partial<Record<Who, Access>> = { ...WRITE_RECORD_OF_A, inspector: 'ok' };

interface Fixture {
  enterpriseA: number;
  planId: number;
  drawId: number;
  inspectorId: number;
  inspectionA: number;
  enforcementA: number;
  expertId: number;
  engagementId: number;
  staffIds: number[];
  n: number;
}

export const inspectionsMatrix = domainMatrix<Fixture>({
  name: 'inspections, enforcement and experts',
  async setup(t: TestApp, db: Db) {
    const ids = await setupEnterprises(t, 5000);
    const staffIds: number[] = [];
    for (const name of ['mx_insp1', 'mx_insp2']) {
      const userId = await createUser(
        db,
        { actor: 'test', orgUnitId: t.scope.orgUnitId },
        {
          username: name,
          displayName: name,
          role: 'department',
          departmentId: ids.depA,
          isHead: false,
          password: TEST_PASSWORD,
        },
      );
      const r = await t.as('admin', {
        method: 'POST',
        url: '/api/inspectors',
        payload: { kind: 'staff', userId, name, departmentId: ids.depA },
      });
      staffIds.push(r.json().id);
    }
    const plan = await t.as('admin', {
      method: 'POST',
      url: '/api/inspection-plans',
      payload: { year: 2026, title: '矩阵计划' },
    });
    const draw = await t.as('admin', {
      method: 'POST',
      url: '/api/inspection-draws',
      payload: { title: '矩阵抽查', inspectedOn: '2026-11-20', targetCount: 1 },
    });
    const inspection = await t.as('dept_a', {
      method: 'POST',
      url: '/api/inspections',
      payload: {
        enterpriseId: ids.supervisedByA,
        mode: 'joint',
        trigger: 'assigned',
        inspectedOn: '2026-11-21',
        inspectorIds: staffIds,
      },
    });
    if (inspection.statusCode !== 201) throw new Error(`inspection: ${inspection.body}`);
    const inspectionA = inspection.json().id as number;
    await t.as('dept_a', {
      method: 'POST',
      url: `/api/inspections/${inspectionA}/photos`,
      payload: { clientKey: 'mx-photo-0001', mime: 'image/png', dataBase64: PNG_BASE64 },
    });
    const enforcement = await t.as('dept_a', {
      method: 'POST',
      url: '/api/enforcement-actions',
      payload: {
        inspectionId: inspectionA,
        enterpriseId: ids.supervisedByA,
        kind: 'warning',
        decidedOn: '2026-11-21',
        decisionNo: '矩阵罚〔2026〕1号',
        legalBasis: '安全生产法',
      },
    });
    if (enforcement.statusCode !== 201) throw new Error(`enforcement: ${enforcement.body}`);
    const expert = await t.as('admin', {
      method: 'POST',
      url: '/api/experts',
      payload: { name: '矩阵专家', specialties: ['machinery'] },
    });
    const engaged = await t.as('admin', {
      method: 'POST',
      url: `/api/experts/${expert.json().id}/engagements`,
      payload: { kind: 'inspection', engagedOn: '2026-11-21' },
    });
    return {
      enterpriseA: ids.supervisedByA,
      planId: plan.json().id,
      drawId: draw.json().id,
      inspectorId: staffIds[0] as number,
      inspectionA,
      enforcementA: enforcement.json().id,
      expertId: expert.json().id,
      engagementId: engaged.json().engagements[0].id,
      staffIds,
      n: 0,
    };
  },
  cases: [
    {
      route: 'PUT /api/inspection-profiles/:enterpriseId',
      request: (f) => ({
        method: 'PUT',
        url: `/api/inspection-profiles/${f.enterpriseA}`,
        payload: { classCode: 'general-2', key: false },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/inspection-plans',
      request: () => ({ method: 'POST', url: '/api/inspection-plans', payload: { year: 2027, title: '矩阵' } }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/inspection-plans',
      request: () => ({ method: 'GET', url: '/api/inspection-plans' }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-plans/:id',
      request: (f) => ({ method: 'GET', url: `/api/inspection-plans/${f.planId}` }),
      access: STAFF,
    },
    {
      route: 'POST /api/inspection-plans/:id/approve',
      request: (f) => ({ method: 'POST', url: `/api/inspection-plans/${f.planId}/approve`, payload: { version: 99 } }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/inspection-plans/:id/publish',
      request: (f) => ({ method: 'POST', url: `/api/inspection-plans/${f.planId}/publish`, payload: { version: 99 } }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/inspection-plans/:id/progress',
      request: (f) => ({ method: 'GET', url: `/api/inspection-plans/${f.planId}/progress` }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-plans/:id/items',
      request: (f) => ({ method: 'GET', url: `/api/inspection-plans/${f.planId}/items` }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-matters',
      request: () => ({ method: 'GET', url: '/api/inspection-matters' }),
      access: STAFF,
    },
    {
      route: 'POST /api/inspection-matters',
      request: (f) => ({
        method: 'POST',
        url: '/api/inspection-matters',
        payload: { code: `MX-${++f.n}`, title: '矩阵事项', checklist: ['一项'] },
      }),
      access: OFFICE_ONLY,
    },
    { route: 'GET /api/inspectors', request: () => ({ method: 'GET', url: '/api/inspectors' }), access: STAFF },
    {
      route: 'POST /api/inspectors',
      request: () => ({
        method: 'POST',
        url: '/api/inspectors',
        payload: { kind: 'staff', userId: 1, name: '矩阵', departmentId: null },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/inspectors/:id/conflicts',
      request: (f) => ({
        method: 'POST',
        url: `/api/inspectors/${f.inspectorId}/conflicts`,
        payload: { enterpriseId: f.enterpriseA, kind: 'declared' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/inspection-draws',
      request: () => ({
        method: 'POST',
        url: '/api/inspection-draws',
        payload: { title: '矩阵', inspectedOn: '2026-11-22', targetCount: 1 },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/inspection-draws',
      request: () => ({ method: 'GET', url: '/api/inspection-draws' }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-draws/:id',
      request: (f) => ({ method: 'GET', url: `/api/inspection-draws/${f.drawId}` }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-draws/:id/verify',
      request: (f) => ({ method: 'GET', url: `/api/inspection-draws/${f.drawId}/verify` }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-draws/:id/pools',
      request: (f) => ({ method: 'GET', url: `/api/inspection-draws/${f.drawId}/pools` }),
      access: STAFF,
    },
    {
      route: 'POST /api/inspection-draws/:id/publish',
      request: (f) => ({ method: 'POST', url: `/api/inspection-draws/${f.drawId}/publish` }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/inspections',
      request: (f) => ({
        method: 'POST',
        url: '/api/inspections',
        payload: {
          enterpriseId: f.enterpriseA,
          mode: 'joint',
          trigger: 'other',
          inspectedOn: '2026-11-22',
          inspectorIds: f.staffIds,
        },
      }),
      access: { admin: 'ok', staff: 'ok', dept_a: 'ok', dept_b: 'hidden' },
    },
    {
      route: 'GET /api/inspections',
      request: () => ({ method: 'GET', url: '/api/inspections' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'GET /api/inspections/field-day',
      request: () => ({ method: 'GET', url: '/api/inspections/field-day' }),
      access: WRITERS,
    },
    {
      route: 'GET /api/inspections/:id',
      request: (f) => ({ method: 'GET', url: `/api/inspections/${f.inspectionA}` }),
      access: RECORD_OF_A,
    },
    {
      route: 'PATCH /api/inspections/:id',
      request: (f) => ({
        method: 'PATCH',
        url: `/api/inspections/${f.inspectionA}`,
        payload: { version: 99, summary: 'x' },
      }),
      access: WRITE_RECORD_OF_A,
    },
    {
      route: 'POST /api/inspections/:id/photos',
      request: (f) => ({
        method: 'POST',
        url: `/api/inspections/${f.inspectionA}/photos`,
        payload: { clientKey: 'mx-photo-0001', mime: 'image/png', dataBase64: PNG_BASE64 },
      }),
      access: WRITE_RECORD_OF_A,
    },
    {
      route: 'GET /api/inspections/:id/photos/:key',
      request: (f) => ({ method: 'GET', url: `/api/inspections/${f.inspectionA}/photos/mx-photo-0001` }),
      access: RECORD_OF_A,
    },
    {
      route: 'POST /api/inspections/:id/findings',
      request: (f) => ({
        method: 'POST',
        url: `/api/inspections/${f.inspectionA}/findings`,
        payload: { clientKey: 'mx-finding-0001', description: '矩阵问题', level: 'general' },
      }),
      access: WRITE_RECORD_OF_A,
    },
    {
      route: 'POST /api/inspections/:id/sign',
      request: (f) => ({
        method: 'POST',
        url: `/api/inspections/${f.inspectionA}/sign`,
        payload: { version: 99, outcome: 'signed', signedBy: '张三' },
      }),
      access: WRITE_RECORD_OF_A,
    },
    {
      route: 'POST /api/inspections/:id/complete',
      request: (f) => ({ method: 'POST', url: `/api/inspections/${f.inspectionA}/complete`, payload: { version: 99 } }),
      access: WRITE_RECORD_OF_A,
    },
    {
      route: 'GET /api/inspections/:id/documents/:kind',
      request: (f) => ({ method: 'GET', url: `/api/inspections/${f.inspectionA}/documents/record` }),
      access: RECORD_OF_A,
    },
    {
      route: 'POST /api/enforcement-actions',
      request: (f) => ({
        method: 'POST',
        url: '/api/enforcement-actions',
        payload: {
          enterpriseId: f.enterpriseA,
          kind: 'zero_penalty',
          zeroPenaltyReason: 'correction_only',
          decidedOn: '2026-11-22',
        },
      }),
      access: { admin: 'ok', staff: 'ok', dept_a: 'ok', dept_b: 'hidden' },
    },
    {
      route: 'GET /api/enforcement-actions',
      request: () => ({ method: 'GET', url: '/api/enforcement-actions' }),
      access: EVERY_SIGNED_IN,
    },
    {
      route: 'GET /api/enforcement-actions/:id',
      request: (f) => ({ method: 'GET', url: `/api/enforcement-actions/${f.enforcementA}` }),
      access: ENFORCEMENT_OF_A,
    },
    {
      route: 'POST /api/enforcement-actions/:id/publish',
      request: (f) => ({
        method: 'POST',
        url: `/api/enforcement-actions/${f.enforcementA}/publish`,
        payload: { publishedOn: '2026-11-23' },
      }),
      access: WRITE_ENFORCEMENT_OF_A,
    },
    {
      route: 'GET /api/enforcement-alerts',
      request: () => ({ method: 'GET', url: '/api/enforcement-alerts' }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-stats',
      request: () => ({ method: 'GET', url: '/api/inspection-stats?year=2026' }),
      access: STAFF,
    },
    {
      route: 'GET /api/inspection-stats/export',
      request: () => ({ method: 'GET', url: '/api/inspection-stats/export?year=2026' }),
      access: STAFF,
    },
    { route: 'GET /api/experts', request: () => ({ method: 'GET', url: '/api/experts' }), access: STAFF },
    {
      route: 'POST /api/experts',
      request: () => ({ method: 'POST', url: '/api/experts', payload: { name: '矩阵专家二' } }),
      access: OFFICE_ONLY,
    },
    {
      route: 'GET /api/experts/:id',
      request: (f) => ({ method: 'GET', url: `/api/experts/${f.expertId}` }),
      access: STAFF,
    },
    {
      route: 'PATCH /api/experts/:id',
      request: (f) => ({
        method: 'PATCH',
        url: `/api/experts/${f.expertId}`,
        payload: { version: 99, available: false },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/experts/:id/certificates',
      request: (f) => ({
        method: 'POST',
        url: `/api/experts/${f.expertId}/certificates`,
        payload: { name: '证书', expiresOn: '2027-01-01' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/experts/:id/engagements',
      request: (f) => ({
        method: 'POST',
        url: `/api/experts/${f.expertId}/engagements`,
        payload: { kind: 'consultation', engagedOn: '2026-11-22' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/expert-engagements/:id/evaluation',
      request: (f) => ({
        method: 'POST',
        url: `/api/expert-engagements/${f.engagementId}/evaluation`,
        payload: { score: 5 },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/experts/draw',
      request: (f) => ({
        method: 'POST',
        url: '/api/experts/draw',
        payload: { enterpriseId: f.enterpriseA, count: 1, purpose: 'inspection' },
      }),
      access: OFFICE_ONLY,
    },
    {
      route: 'POST /api/experts/certificate-warnings/scan',
      request: () => ({ method: 'POST', url: '/api/experts/certificate-warnings/scan' }),
      access: OFFICE_ONLY,
    },
  ],
});
