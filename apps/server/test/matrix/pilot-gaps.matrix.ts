import { domainMatrix, OFFICE_ONLY } from './matrix-types.ts';

/** Issue 13's remaining settings routes: a channel's test message, registry editing, account editing. */
export const pilotGapsMatrix = domainMatrix({
  name: 'pilot-gaps',
  setup: async (t, db) => {
    const now = new Date().toISOString();
    // An e-mail channel: the matrix app has no SMTP, so a test message answers 'failed' without leaving the machine.
    const channel = await db
      .insertInto('notification_channels')
      .values({
        org_unit_id: t.scope.orgUnitId,
        department_id: null,
        kind: 'email',
        name: '矩阵测试邮箱',
        target: 'matrix@example.cn',
        secret: null,
        enabled: 1,
        digest: 1,
        quiet_start: null,
        quiet_end: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db.selectFrom('users').select('id').where('username', '=', 'dept_b').executeTakeFirstOrThrow();
    return { channelId: channel.id, departmentId: t.departmentIds.建设环保管理部!, userId: user.id };
  },
  cases: [
    {
      route: 'POST /api/notification-channels/:id/test',
      request: (f) => ({ method: 'POST', url: `/api/notification-channels/${f.channelId}/test` }),
      access: OFFICE_ONLY,
    },
    {
      // An empty change: the office gets 400 (nothing to change), everyone else 403 before validation.
      route: 'PATCH /api/departments/:id',
      request: (f) => ({ method: 'PATCH', url: `/api/departments/${f.departmentId}`, payload: {} }),
      access: OFFICE_ONLY,
    },
    {
      // Into itself: the office gets 400, nothing is merged.
      route: 'POST /api/departments/:id/merge',
      request: (f) => ({
        method: 'POST',
        url: `/api/departments/${f.departmentId}/merge`,
        payload: { intoId: f.departmentId },
      }),
      access: OFFICE_ONLY,
    },
    {
      // A stale version: the administrator gets 409, nothing changes.
      route: 'PATCH /api/users/:id',
      request: (f) => ({
        method: 'PATCH',
        url: `/api/users/${f.userId}`,
        payload: { displayName: '矩阵', version: 999 },
      }),
      access: { admin: 'ok' },
    },
  ],
});
