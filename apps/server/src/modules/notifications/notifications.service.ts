import {
  type ListNotificationsQuery,
  type ListNotificationsResponse,
  NotificationItem,
  type NotificationResponse,
  type PreferencesBody,
} from '@duban/shared/contracts/notifications';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type CentreScope, notificationNotFound } from './notifications.policy.ts';
import {
  countNotifications,
  findNotification,
  findPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
  upsertPreferences,
} from './notifications.repository.ts';

/** The notification centre (list, unread count, mark read) and the account's own delivery preferences. */

export function presentNotification(r: NotificationRow): NotificationResponse {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    items: (JSON.parse(r.items) as unknown[]).map((i) => NotificationItem.parse(i)),
    createdAt: r.created_at,
    readAt: r.read_at,
    occurrenceId: r.occurrence_id ?? firstItemOccurrence(r.items),
  };
}

function firstItemOccurrence(items: string): number | null {
  const first = (JSON.parse(items) as { occurrenceId?: unknown }[])[0];
  return typeof first?.occurrenceId === 'number' ? first.occurrenceId : null;
}

export async function listMyNotifications(
  db: Db,
  scope: CentreScope,
  q: ListNotificationsQuery,
): Promise<ListNotificationsResponse> {
  const userId = scope.userId;
  const rows = await listNotifications(db, userId, q);
  const counts = await countNotifications(db, userId);
  return { notifications: rows.map(presentNotification), unread: counts.unread, total: counts.total };
}

export async function markRead(
  db: Db,
  scope: CentreScope,
  id: number,
  now = new Date(),
): Promise<NotificationResponse> {
  const userId = scope.userId;
  return db.transaction().execute(async (trx) => {
    const existing = await findNotification(trx, userId, id);
    if (!existing) throw notificationNotFound();
    if (await markNotificationRead(trx, userId, id, now.toISOString())) {
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'notification.read',
          entity: 'notification',
          entityId: id,
        },
        now,
      );
    }
    const row = await findNotification(trx, userId, id);
    if (!row) throw notificationNotFound();
    return presentNotification(row);
  });
}

export async function markAllRead(
  db: Db,
  scope: CentreScope,
  now = new Date(),
): Promise<{ marked: number; unread: number }> {
  const userId = scope.userId;
  const marked = await db.transaction().execute(async (trx) => {
    const n = await markAllNotificationsRead(trx, userId, now.toISOString());
    if (n > 0) {
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'notification.read_all',
          entity: 'user',
          entityId: userId,
          after: { marked: n },
        },
        now,
      );
    }
    return n;
  });
  const counts = await countNotifications(db, userId);
  return { marked, unread: counts.unread };
}

export async function getPreferences(db: Db, scope: CentreScope): Promise<PreferencesBody> {
  const row = await findPreferences(db, scope.userId);
  if (!row) return { email: null, emailEnabled: false, digest: false, quietHours: null };
  return {
    email: row.email,
    emailEnabled: row.email_enabled === 1,
    digest: row.digest === 1,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  };
}

export async function setPreferences(
  db: Db,
  scope: CentreScope,
  input: PreferencesBody,
  now = new Date(),
): Promise<PreferencesBody> {
  const userId = scope.userId;
  await db.transaction().execute(async (trx) => {
    const before = await findPreferences(trx, userId);
    await upsertPreferences(trx, {
      user_id: userId,
      email: input.email,
      email_enabled: input.emailEnabled && input.email !== null ? 1 : 0,
      digest: input.digest ? 1 : 0,
      quiet_start: input.quietHours?.start ?? null,
      quiet_end: input.quietHours?.end ?? null,
      updated_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'notification.preferences',
        entity: 'user',
        entityId: userId,
        before: before ?? null,
        after: input,
      },
      now,
    );
  });
  return getPreferences(db, scope);
}
