import { domainMatrix, OFFICE_ONLY } from './matrix-types.ts';

/** Issue 13's remaining settings routes: a channel's test message. */
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
    return { channelId: channel.id };
  },
  cases: [
    {
      route: 'POST /api/notification-channels/:id/test',
      request: (f) => ({ method: 'POST', url: `/api/notification-channels/${f.channelId}/test` }),
      access: OFFICE_ONLY,
    },
  ],
});
