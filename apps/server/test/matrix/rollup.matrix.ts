import type { Db } from '../../src/db/database.ts';
import { submitPeriodReport } from '../../src/modules/rollup/submit-period-report.ts';
import type { TestApp } from '../app-harness.ts';
import { type Access, domainMatrix, type Who } from './matrix-types.ts';

/**
 * The roll-up across org units (issue 16). Every harness account is in the zone: its office and leaders read the
 * zone's own roll-up (no children), its own 直报 and the upper list's duties; only the office writes. A review of
 * the zone's own submission is the city's to make (404 for the zone), as is linking a unit that is not a child.
 * Departments and enterprise accounts have no roll-up (403).
 */
const READ: Partial<Record<Who, Access>> = { admin: 'ok', staff: 'ok', leader: 'ok' };
const WRITE: Partial<Record<Who, Access>> = { admin: 'ok', staff: 'ok' };
const WRITE_HIDDEN: Partial<Record<Who, Access>> = { admin: 'hidden', staff: 'hidden' };

interface Fixture {
  zoneId: number;
  submissionId: number;
  departmentId: number;
  occurrenceId: number;
}

export const rollupMatrix = domainMatrix<Fixture>({
  name: 'rollup',
  async setup(t: TestApp, db: Db) {
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const submission = await submitPeriodReport(
      db,
      { homeUnitId: t.scope.orgUnitId, userId: admin.id, actor: `user:${admin.id}` },
      { period: '2024-Q1' },
    );
    const occurrence = await db.selectFrom('occurrences').select('id').orderBy('id').executeTakeFirstOrThrow();
    return {
      zoneId: t.scope.orgUnitId,
      submissionId: submission.id,
      departmentId: t.departmentIds['应急管理部'] as number,
      occurrenceId: occurrence.id,
    };
  },
  cases: [
    {
      route: 'GET /api/rollup',
      request: () => ({ method: 'GET', url: '/api/rollup?year=2024' }),
      access: READ,
    },
    {
      route: 'GET /api/rollup/units/:unitId/dashboard',
      request: (f) => ({ method: 'GET', url: `/api/rollup/units/${f.zoneId}/dashboard?year=2024` }),
      access: READ,
    },
    {
      route: 'GET /api/rollup/submissions',
      request: () => ({ method: 'GET', url: '/api/rollup/submissions?side=mine' }),
      access: READ,
    },
    {
      route: 'POST /api/rollup/submissions',
      // 2024-Q1 is already submitted: 409 for the office, and nothing new is written.
      request: () => ({ method: 'POST', url: '/api/rollup/submissions', payload: { period: '2024-Q1' } }),
      access: WRITE,
    },
    {
      route: 'GET /api/rollup/submissions/:id/file',
      request: (f) => ({ method: 'GET', url: `/api/rollup/submissions/${f.submissionId}/file` }),
      access: READ,
    },
    {
      route: 'POST /api/rollup/submissions/:id/review',
      request: (f) => ({
        method: 'POST',
        url: `/api/rollup/submissions/${f.submissionId}/review`,
        payload: { decision: 'accept', version: 1 },
      }),
      access: WRITE_HIDDEN,
    },
    {
      route: 'GET /api/rollup/zones',
      request: () => ({ method: 'GET', url: '/api/rollup/zones' }),
      access: READ,
    },
    {
      route: 'POST /api/rollup/zones',
      request: (f) => ({
        method: 'POST',
        url: '/api/rollup/zones',
        payload: { departmentId: f.departmentId, zoneUnitId: f.zoneId },
      }),
      access: WRITE_HIDDEN,
    },
    {
      route: 'GET /api/rollup/upper-duties',
      request: () => ({ method: 'GET', url: '/api/rollup/upper-duties?year=2024' }),
      access: READ,
    },
    {
      route: 'POST /api/rollup/upper-duties/links',
      request: () => ({
        method: 'POST',
        url: '/api/rollup/upper-duties/links',
        payload: { upperTaskId: 1, ownTaskId: 1 },
      }),
      access: WRITE,
    },
    {
      route: 'GET /api/rollup/upper-duties/:occurrenceId/draft',
      request: (f) => ({ method: 'GET', url: `/api/rollup/upper-duties/${f.occurrenceId}/draft` }),
      access: READ,
    },
    {
      route: 'POST /api/rollup/upper-duties/:occurrenceId/report',
      request: (f) => ({
        method: 'POST',
        url: `/api/rollup/upper-duties/${f.occurrenceId}/report`,
        payload: { text: '进展', workDate: '2024-03-01' },
      }),
      access: WRITE,
    },
  ],
});
