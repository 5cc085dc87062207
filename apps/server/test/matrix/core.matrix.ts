import { DEFAULT_REMINDER_POLICY } from '@duban/shared/contracts/reminders';
import type { Db } from '../../src/db/database.ts';
import { TEST_PASSWORD, type TestApp } from '../app-harness.ts';
import { seedBytes } from '../fixtures.ts';
import { multipart } from '../multipart.ts';
import { domainMatrix, EVERY_SIGNED_IN, type MatrixCase, OFFICE_ONLY } from './matrix-types.ts';

/**
 * The core loop's rows of the role × route matrix (auth, users, departments, task lists, progress, supervision,
 * notifications, calendar feeds, dashboard, exports, bulletins); route-matrix.test.ts runs them with the domain
 * matrices, and tenancy-cross-zone.test.ts runs every row across two zones.
 */
export interface CoreFixture {
  departmentA: number;
  occurrenceA: number;
  futureOccurrenceA: number;
  reportA: number;
  evidenceA: number;
  actionA: number;
  extensionA: number;
  spareUser: number;
  bulletinDraft: number;
  channelA: number;
  notificationA: number;
  feedA: number;
  feedPath: string;
  n: number;
}

type Case = MatrixCase<CoreFixture>;

const READERS = { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'ok' } as const;
const RECORD_OF_A_READERS = { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'ok', dept_b: 'hidden' } as const;
const RECORD_OF_A_WRITERS = { admin: 'ok', staff: 'ok', dept_a: 'ok', dept_b: 'hidden' } as const;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const seedUpload = () => multipart({}, [{ field: 'file', filename: 'seed.txt', content: seedBytes() }]);

const CASES: Case[] = [
  {
    route: 'GET /api/health',
    request: () => ({ method: 'GET', url: '/api/health' }),
    access: { anonymous: 'ok', ...EVERY_SIGNED_IN },
  },
  {
    route: 'POST /api/auth/login',
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enterprise', password: TEST_PASSWORD },
    }),
    access: { anonymous: 'ok', ...EVERY_SIGNED_IN },
  },
  // Signing out is checked for the anonymous here and end to end in auth.test.ts (it would end the shared sessions).
  { route: 'POST /api/auth/logout', request: () => ({ method: 'POST', url: '/api/auth/logout' }), access: {} },
  { route: 'GET /api/auth/me', request: () => ({ method: 'GET', url: '/api/auth/me' }), access: EVERY_SIGNED_IN },
  {
    route: 'POST /api/auth/password',
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'not-the-password', newPassword: 'whatever-long-enough' },
    }),
    access: EVERY_SIGNED_IN,
  },
  {
    route: 'POST /api/api-tokens',
    request: () => ({ method: 'POST', url: '/api/api-tokens', payload: { name: 'matrix', role: 'leader' } }),
    access: { admin: 'ok' },
  },
  { route: 'GET /api/users', request: () => ({ method: 'GET', url: '/api/users' }), access: OFFICE_ONLY },
  {
    route: 'POST /api/users',
    request: (f) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: `matrix${f.n}`, displayName: 'x', role: 'leader', password: 'long-enough-password' },
    }),
    access: { admin: 'ok' },
  },
  {
    route: 'POST /api/users/:id/reset-password',
    request: (f) => ({
      method: 'POST',
      url: `/api/users/${f.spareUser}/reset-password`,
      payload: { password: 'reset-long-password' },
    }),
    access: { admin: 'ok' },
  },
  { route: 'GET /api/departments', request: () => ({ method: 'GET', url: '/api/departments' }), access: READERS },
  {
    route: 'POST /api/departments/:id/confirm',
    request: (f) => ({ method: 'POST', url: `/api/departments/${f.departmentA}/confirm` }),
    access: OFFICE_ONLY,
  },
  { route: 'GET /api/tasklists', request: () => ({ method: 'GET', url: '/api/tasklists' }), access: READERS },
  {
    route: 'GET /api/tasklists/:year/tasks',
    request: () => ({ method: 'GET', url: '/api/tasklists/2024/tasks' }),
    access: READERS,
  },
  {
    route: 'POST /api/tasklists/import/preview',
    request: () => ({ method: 'POST', url: '/api/tasklists/import/preview', ...seedUpload() }),
    access: OFFICE_ONLY,
  },
  {
    route: 'POST /api/tasklists/import/commit',
    request: () => ({ method: 'POST', url: '/api/tasklists/import/commit', ...seedUpload() }),
    access: OFFICE_ONLY,
  },
  { route: 'GET /api/inbox', request: () => ({ method: 'GET', url: '/api/inbox?year=2024' }), access: READERS },
  {
    route: 'GET /api/occurrences/:id',
    request: (f) => ({ method: 'GET', url: `/api/occurrences/${f.occurrenceA}` }),
    access: RECORD_OF_A_READERS,
  },
  { route: 'GET /api/reports', request: () => ({ method: 'GET', url: '/api/reports' }), access: READERS },
  {
    route: 'GET /api/reports/:id',
    request: (f) => ({ method: 'GET', url: `/api/reports/${f.reportA}` }),
    access: RECORD_OF_A_READERS,
  },
  {
    route: 'POST /api/reports',
    request: (f) => ({
      method: 'POST',
      url: '/api/reports',
      payload: { occurrenceId: f.occurrenceA, text: '矩阵测试', workDate: '2024-03-01' },
    }),
    access: RECORD_OF_A_WRITERS,
  },
  {
    route: 'PATCH /api/reports/:id',
    request: (f) => ({ method: 'PATCH', url: `/api/reports/${f.reportA}`, payload: { text: '修改', version: 1 } }),
    access: RECORD_OF_A_WRITERS,
  },
  {
    route: 'POST /api/reports/:id/submit',
    request: (f) => ({ method: 'POST', url: `/api/reports/${f.reportA}/submit`, payload: { version: 999 } }),
    access: RECORD_OF_A_WRITERS,
  },
  {
    route: 'POST /api/reports/:id/accept',
    request: (f) => ({ method: 'POST', url: `/api/reports/${f.reportA}/accept`, payload: { version: 999 } }),
    access: OFFICE_ONLY,
  },
  {
    route: 'POST /api/reports/:id/return',
    request: (f) => ({
      method: 'POST',
      url: `/api/reports/${f.reportA}/return`,
      payload: { reason: '请补充', version: 999 },
    }),
    access: OFFICE_ONLY,
  },
  {
    route: 'POST /api/reports/:id/evidence',
    request: (f) => ({
      method: 'POST',
      url: `/api/reports/${f.reportA}/evidence`,
      ...multipart({}, [{ field: 'file', filename: 'proof.pdf', content: PDF, contentType: 'application/pdf' }]),
    }),
    access: RECORD_OF_A_WRITERS,
  },
  {
    // A stale version (999): the allowed get 409 and nothing is removed; another department's file is hidden.
    route: 'DELETE /api/evidence/:id',
    request: (f) => ({ method: 'DELETE', url: `/api/evidence/${f.evidenceA}?version=999` }),
    access: RECORD_OF_A_WRITERS,
  },
  {
    route: 'GET /api/evidence/:id',
    request: (f) => ({ method: 'GET', url: `/api/evidence/${f.evidenceA}` }),
    access: RECORD_OF_A_READERS,
  },
  {
    route: 'GET /api/dashboard',
    request: () => ({ method: 'GET', url: '/api/dashboard?year=2024' }),
    access: { admin: 'ok', staff: 'ok', leader: 'ok' },
  },
  {
    route: 'POST /api/occurrences/:id/supervision',
    request: (f) => ({
      method: 'POST',
      url: `/api/occurrences/${f.occurrenceA}/supervision`,
      payload: { kind: 'urge', note: '请尽快报送' },
    }),
    access: OFFICE_ONLY,
  },
  { route: 'GET /api/supervision', request: () => ({ method: 'GET', url: '/api/supervision' }), access: READERS },
  {
    route: 'GET /api/supervision/:id',
    request: (f) => ({ method: 'GET', url: `/api/supervision/${f.actionA}` }),
    access: RECORD_OF_A_READERS,
  },
  {
    route: 'POST /api/supervision/:id/reply',
    request: (f) => ({
      method: 'POST',
      url: `/api/supervision/${f.actionA}/reply`,
      payload: { text: '已整改', version: 999 },
    }),
    access: { dept_a: 'ok', dept_b: 'hidden' },
  },
  {
    route: 'POST /api/occurrences/:id/extensions',
    request: (f) => ({
      method: 'POST',
      url: `/api/occurrences/${f.futureOccurrenceA}/extensions`,
      payload: { reason: '需要更多时间', requestedDue: '2031-01-31' },
    }),
    access: { dept_a: 'ok', dept_b: 'hidden' },
  },
  { route: 'GET /api/extensions', request: () => ({ method: 'GET', url: '/api/extensions' }), access: READERS },
  {
    route: 'GET /api/extensions/:id',
    request: (f) => ({ method: 'GET', url: `/api/extensions/${f.extensionA}` }),
    access: RECORD_OF_A_READERS,
  },
  {
    route: 'POST /api/extensions/:id/decide',
    request: (f) => ({
      method: 'POST',
      url: `/api/extensions/${f.extensionA}/decide`,
      payload: { approve: false, note: '不同意', version: 999 },
    }),
    access: OFFICE_ONLY,
  },
  {
    route: 'GET /api/notifications',
    request: () => ({ method: 'GET', url: '/api/notifications' }),
    access: EVERY_SIGNED_IN,
  },
  {
    route: 'POST /api/notifications/:id/read',
    request: (f) => ({ method: 'POST', url: `/api/notifications/${f.notificationA}/read` }),
    access: {
      admin: 'hidden',
      staff: 'hidden',
      leader: 'hidden',
      dept_a: 'ok',
      dept_b: 'hidden',
      enterprise: 'hidden',
      inspector: 'hidden', // dept_a's own notice: another account of the same department does not reach it
    },
  },
  {
    route: 'POST /api/notifications/read-all',
    request: () => ({ method: 'POST', url: '/api/notifications/read-all' }),
    access: EVERY_SIGNED_IN,
  },
  {
    route: 'GET /api/notifications/preferences',
    request: () => ({ method: 'GET', url: '/api/notifications/preferences' }),
    access: EVERY_SIGNED_IN,
  },
  {
    route: 'PUT /api/notifications/preferences',
    request: () => ({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { email: null, emailEnabled: false, digest: true, quietHours: { start: '22:00', end: '07:00' } },
    }),
    access: EVERY_SIGNED_IN,
  },
  {
    route: 'GET /api/notification-channels',
    request: () => ({ method: 'GET', url: '/api/notification-channels' }),
    access: OFFICE_ONLY,
  },
  {
    route: 'POST /api/notification-channels',
    request: (f) => ({
      method: 'POST',
      url: '/api/notification-channels',
      payload: { kind: 'email', name: `矩阵${f.n}`, departmentId: f.departmentA, target: 'matrix@example.cn' },
    }),
    access: OFFICE_ONLY,
  },
  {
    route: 'PATCH /api/notification-channels/:id',
    request: (f) => ({
      method: 'PATCH',
      url: `/api/notification-channels/${f.channelA}`,
      payload: { name: '改名', version: 999 },
    }),
    access: OFFICE_ONLY,
  },
  {
    route: 'DELETE /api/notification-channels/:id',
    request: (f) => ({ method: 'DELETE', url: `/api/notification-channels/${f.channelA}?version=999` }),
    access: OFFICE_ONLY,
  },
  {
    route: 'GET /api/notification-deliveries',
    request: () => ({ method: 'GET', url: '/api/notification-deliveries' }),
    access: OFFICE_ONLY,
  },
  {
    route: 'GET /api/reminder-policy',
    request: () => ({ method: 'GET', url: '/api/reminder-policy' }),
    access: { admin: 'ok', staff: 'ok', leader: 'ok' },
  },
  {
    route: 'PUT /api/reminder-policy',
    request: () => ({
      method: 'PUT',
      url: '/api/reminder-policy',
      payload: { policy: DEFAULT_REMINDER_POLICY, version: 999 },
    }),
    access: OFFICE_ONLY,
  },
  { route: 'GET /api/calendar-feeds', request: () => ({ method: 'GET', url: '/api/calendar-feeds' }), access: READERS },
  {
    route: 'POST /api/calendar-feeds',
    request: () => ({ method: 'POST', url: '/api/calendar-feeds', payload: { kind: 'user' } }),
    access: READERS,
  },
  {
    route: 'DELETE /api/calendar-feeds/:id',
    request: (f) => ({ method: 'DELETE', url: `/api/calendar-feeds/${f.feedA}` }),
    access: { admin: 'ok', staff: 'ok', leader: 'hidden', dept_a: 'ok', dept_b: 'hidden', inspector: 'hidden' },
  },
  {
    route: 'GET /api/calendar/:token.ics',
    request: (f) => ({ method: 'GET', url: f.feedPath }),
    access: { anonymous: 'ok', ...EVERY_SIGNED_IN },
  },
  // Task-list exports, returned sheets and bulletins (modules/documents/export, modules/documents/bulletin).
  {
    route: 'GET /api/exports/tasklist',
    request: () => ({ method: 'GET', url: '/api/exports/tasklist?year=2024&period=2024-Q1&format=xlsx' }),
    access: READERS,
  },
  {
    route: 'POST /api/exports/tasklist/returned',
    request: () => ({
      method: 'POST',
      url: '/api/exports/tasklist/returned',
      ...multipart({}, [{ field: 'file', filename: 'seed.xlsx', content: seedBytes() }]),
    }),
    access: { admin: 'ok', staff: 'ok', dept_a: 'ok', dept_b: 'ok' },
  },
  {
    route: 'POST /api/bulletins',
    request: () => ({ method: 'POST', url: '/api/bulletins', payload: { period: '2024-Q1' } }),
    access: OFFICE_ONLY,
  },
  { route: 'GET /api/bulletins', request: () => ({ method: 'GET', url: '/api/bulletins' }), access: READERS },
  {
    route: 'GET /api/bulletins/:id',
    request: (f) => ({ method: 'GET', url: `/api/bulletins/${f.bulletinDraft}` }),
    access: { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'hidden', dept_b: 'hidden' },
  },
  {
    route: 'PATCH /api/bulletins/:id',
    request: (f) => ({
      method: 'PATCH',
      url: `/api/bulletins/${f.bulletinDraft}`,
      payload: { version: 999, sections: { praise: '表扬' } },
    }),
    access: OFFICE_ONLY,
  },
  {
    route: 'POST /api/bulletins/:id/publish',
    request: (f) => ({ method: 'POST', url: `/api/bulletins/${f.bulletinDraft}/publish`, payload: { version: 999 } }),
    access: OFFICE_ONLY,
  },
  {
    route: 'GET /api/bulletins/:id/export',
    request: (f) => ({ method: 'GET', url: `/api/bulletins/${f.bulletinDraft}/export?format=docx` }),
    access: { admin: 'ok', staff: 'ok', leader: 'ok', dept_a: 'hidden', dept_b: 'hidden' },
  },
];

export const coreMatrix = domainMatrix<CoreFixture>({ name: 'core loop', setup: makeFixture, cases: CASES });

async function makeFixture(t: TestApp, db: Db): Promise<CoreFixture> {
  const deptA = t.departmentIds.应急管理部!;
  const occurrence = await db
    .selectFrom('occurrences')
    .select(['id', 'assignment_id', 'rule_id'])
    .where('department_id', '=', deptA)
    .orderBy('due_date')
    .limit(1)
    .executeTakeFirstOrThrow();
  const future = await db
    .insertInto('occurrences')
    .values({
      assignment_id: occurrence.assignment_id,
      rule_id: occurrence.rule_id,
      department_id: deptA,
      period_key: 'matrix-future',
      window_start: '2030-01-01',
      due_date: '2030-12-31',
      min_count: 1,
      condition: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const report = await t.as('dept_a', {
    method: 'POST',
    url: '/api/reports',
    payload: { occurrenceId: occurrence.id, text: '已开展专项检查', workDate: '2024-02-20' },
  });
  const reportId = report.json().id as number;
  const evidence = await t.as('dept_a', {
    method: 'POST',
    url: `/api/reports/${reportId}/evidence`,
    ...multipart({}, [{ field: 'file', filename: 'proof.pdf', content: PDF, contentType: 'application/pdf' }]),
  });
  const action = await t.as('admin', {
    method: 'POST',
    url: `/api/occurrences/${occurrence.id}/supervision`,
    payload: { kind: 'notice', note: '督办单', replyBy: '2031-01-01' },
  });
  const extension = await t.as('dept_a', {
    method: 'POST',
    url: `/api/occurrences/${future.id}/extensions`,
    payload: { reason: '材料未齐', requestedDue: '2031-03-31' },
  });
  const spare = await t.as('admin', {
    method: 'POST',
    url: '/api/users',
    payload: { username: 'spare', displayName: 'spare', role: 'leader', password: 'quiet-harbor-passphrase' },
  });
  const channel = await t.as('admin', {
    method: 'POST',
    url: '/api/notification-channels',
    payload: { kind: 'email', name: '矩阵', departmentId: deptA, target: 'matrix@example.cn' },
  });
  const feed = await t.as('dept_a', {
    method: 'POST',
    url: '/api/calendar-feeds',
    payload: { kind: 'department', departmentId: deptA },
  });
  const icsFeed = await t.as('dept_a', {
    method: 'POST',
    url: '/api/calendar-feeds',
    payload: { kind: 'department', departmentId: deptA },
  });
  const deptAUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'dept_a')
    .executeTakeFirstOrThrow();
  const notification = await db
    .insertInto('notifications')
    .values({
      org_unit_id: t.scope.orgUnitId,
      user_id: deptAUser.id,
      kind: 'reminder',
      title: '矩阵',
      body: '矩阵',
      items: '[]',
      created_at: new Date().toISOString(),
      read_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const bulletin = await t.as('admin', { method: 'POST', url: '/api/bulletins', payload: { period: '2024-Q1' } });
  for (const r of [report, evidence, action, extension, spare, channel, feed, icsFeed, bulletin]) {
    if (r.statusCode >= 300) throw new Error(`fixture failed: ${r.statusCode} ${r.body}`);
  }
  const fixture: CoreFixture = {
    departmentA: deptA,
    occurrenceA: occurrence.id,
    futureOccurrenceA: future.id,
    reportA: reportId,
    evidenceA: evidenceIdOf(evidence.json()),
    actionA: action.json().id,
    extensionA: extension.json().extension.id,
    spareUser: spare.json().id,
    bulletinDraft: bulletin.json().id,
    channelA: channel.json().id,
    notificationA: notification.id,
    feedA: feed.json().id,
    feedPath: icsFeed.json().path,
    n: 0,
  };
  // An undefined id would turn every 'ok' into a 400 and prove nothing.
  for (const [key, value] of Object.entries(fixture)) {
    if (typeof value === 'number' ? !Number.isInteger(value) : !value)
      throw new Error(`fixture ${key} is ${String(value)}`);
  }
  return fixture;
}

function evidenceIdOf(body: unknown): number {
  const b = body as { evidence?: { id: number }[]; files?: { id: number }[]; id?: number };
  const id = b.evidence?.[0]?.id ?? b.files?.[0]?.id ?? b.id;
  if (typeof id !== 'number') throw new Error(`no evidence id in ${JSON.stringify(body)}`);
  return id;
}
