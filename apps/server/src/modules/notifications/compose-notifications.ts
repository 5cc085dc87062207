import { NotificationItem } from '@duban/shared/contracts/notifications';
import type { Db } from '../../db/database.ts';
import type { ChannelKind } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findChannel } from './channels.repository.ts';
import { insertDeliveries } from './deliveries.repository.ts';
import { renderMessage, renderNotice, type SubjectNotice } from './message-templates.ts';
import {
  findPreferences,
  insertNotification,
  listQueuedRecipients,
  markQueueItemsDropped,
  openOccurrenceIds,
  type QueueRecipient,
  takeQueuedItems,
} from './notifications.repository.ts';
import { outsideQuietHours, quietHoursOf } from './quiet-hours.ts';

/**
 * Turns the outbox into messages, one recipient at a time, each in one transaction with its audit event:
 * - an account gets in-app notifications, and e-mail deliveries when it gave an address and switched e-mail on;
 * - a channel gets deliveries of its kind;
 * - with digest on, everything queued for the recipient becomes ONE message; otherwise one message per item;
 * - items whose occurrence was submitted or accepted meanwhile are dropped;
 * - external deliveries start after the recipient's quiet hours (the in-app centre is never held back);
 * - notices of other subjects (subject_kind ≠ 'occurrence', e.g. a hazard's 挂牌督办) become one message each.
 */
export const MAX_ATTEMPTS = 8;

export interface ComposeResult {
  notifications: number;
  deliveries: number;
  dropped: number;
}

export async function composeQueuedNotifications(db: Db, options: { now: Date }): Promise<ComposeResult> {
  const result: ComposeResult = { notifications: 0, deliveries: 0, dropped: 0 };
  // Bounded: a recipient list page at a time, at most a few pages per run (the next run takes the rest).
  for (let page = 0; page < 20; page += 1) {
    const recipients = await listQueuedRecipients(db, 200);
    if (recipients.length === 0) break;
    for (const r of recipients) {
      const one = await composeFor(db, r, options.now);
      result.notifications += one.notifications;
      result.deliveries += one.deliveries;
      result.dropped += one.dropped;
    }
  }
  return result;
}

async function composeFor(db: Db, r: QueueRecipient, now: Date): Promise<ComposeResult> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = await takeQueuedItems(trx, r, nowIso);
    const out: ComposeResult = { notifications: 0, deliveries: 0, dropped: 0 };
    if (rows.length === 0) return out;
    const stepRows = rows.filter((row) => row.subject_kind === 'occurrence');
    const notices = rows
      .filter((row) => row.subject_kind !== 'occurrence')
      .map((row) => JSON.parse(row.payload) as SubjectNotice);
    const open = await openOccurrenceIds(
      trx,
      stepRows.map((row) => row.occurrence_id ?? 0),
    );
    const dropped = stepRows.filter((row) => !open.has(row.occurrence_id ?? 0)).map((row) => row.id);
    await markQueueItemsDropped(trx, dropped);
    out.dropped = dropped.length;
    const items = stepRows
      .filter((row) => open.has(row.occurrence_id ?? 0))
      .map((row) => NotificationItem.parse(JSON.parse(row.payload)));

    if (items.length > 0) {
      if (r.user_id !== null) await composeForUser(trx, r.org_unit_id, r.user_id, items, now, out);
      else if (r.channel_id !== null) await composeForChannel(trx, r.org_unit_id, r.channel_id, items, now, out);
    }
    // Notices of other subjects (hazards): one message each, never merged into a 任务事项 digest.
    for (const notice of notices) {
      if (r.user_id !== null) await composeNoticeForUser(trx, r.org_unit_id, r.user_id, notice, now, out);
      else if (r.channel_id !== null) await composeNoticeForChannel(trx, r.org_unit_id, r.channel_id, notice, now, out);
    }
    await appendAudit(
      trx,
      {
        orgUnitId: r.org_unit_id,
        actor: 'system',
        action: 'notification.compose',
        entity: r.user_id !== null ? 'user' : 'notification_channel',
        entityId: r.user_id ?? r.channel_id,
        after: {
          items: items.map((i) => ({ occurrenceId: i.occurrenceId, step: i.step })),
          notices: notices.map((n) => ({ subject: n.subjectKind, id: n.subjectId, kind: n.kind })),
          dropped: dropped.length,
          notifications: out.notifications,
          deliveries: out.deliveries,
        },
      },
      now,
    );
    return out;
  });
}

function groupsOf(items: NotificationItem[], digest: boolean): NotificationItem[][] {
  return digest ? [items] : items.map((i) => [i]);
}

async function composeForUser(
  trx: Db,
  orgUnitId: number,
  userId: number,
  items: NotificationItem[],
  now: Date,
  out: ComposeResult,
): Promise<void> {
  const prefs = await findPreferences(trx, userId);
  const groups = groupsOf(items, prefs?.digest === 1);
  for (const group of groups) {
    const message = renderMessage(group);
    await insertNotification(trx, {
      org_unit_id: orgUnitId,
      user_id: userId,
      kind: message.kind,
      title: message.title,
      body: message.text,
      items: JSON.stringify(group),
      created_at: now.toISOString(),
      read_at: null,
    });
    out.notifications += 1;
  }
  if (prefs?.email_enabled === 1 && prefs.email) {
    const quiet = quietHoursOf(prefs.quiet_start, prefs.quiet_end);
    const rows = groups.map((group) =>
      deliveryRow(orgUnitId, 'email', null, userId, prefs.email ?? '', group, now, quiet),
    );
    await insertDeliveries(trx, rows);
    out.deliveries += rows.length;
  }
}

async function composeForChannel(
  trx: Db,
  orgUnitId: number,
  channelId: number,
  items: NotificationItem[],
  now: Date,
  out: ComposeResult,
): Promise<void> {
  const channel = await findChannel(trx, channelId);
  if (channel?.enabled !== 1) return;
  const quiet = quietHoursOf(channel.quiet_start, channel.quiet_end);
  const rows = groupsOf(items, channel.digest === 1).map((group) =>
    deliveryRow(orgUnitId, channel.kind, channel.id, null, channel.name, group, now, quiet),
  );
  await insertDeliveries(trx, rows);
  out.deliveries += rows.length;
}

async function composeNoticeForUser(
  trx: Db,
  orgUnitId: number,
  userId: number,
  notice: SubjectNotice,
  now: Date,
  out: ComposeResult,
): Promise<void> {
  const message = renderNotice(notice);
  await insertNotification(trx, {
    org_unit_id: orgUnitId,
    user_id: userId,
    kind: notice.kind,
    title: message.title,
    body: message.text,
    items: '[]',
    created_at: now.toISOString(),
    read_at: null,
  });
  out.notifications += 1;
  const prefs = await findPreferences(trx, userId);
  if (prefs?.email_enabled === 1 && prefs.email) {
    const quiet = quietHoursOf(prefs.quiet_start, prefs.quiet_end);
    await insertDeliveries(trx, [
      { ...deliveryRow(orgUnitId, 'email', null, userId, prefs.email, [], now, quiet), notice: JSON.stringify(notice) },
    ]);
    out.deliveries += 1;
  }
}

async function composeNoticeForChannel(
  trx: Db,
  orgUnitId: number,
  channelId: number,
  notice: SubjectNotice,
  now: Date,
  out: ComposeResult,
): Promise<void> {
  const channel = await findChannel(trx, channelId);
  if (channel?.enabled !== 1) return;
  const quiet = quietHoursOf(channel.quiet_start, channel.quiet_end);
  await insertDeliveries(trx, [
    {
      ...deliveryRow(orgUnitId, channel.kind, channel.id, null, channel.name, [], now, quiet),
      notice: JSON.stringify(notice),
    },
  ]);
  out.deliveries += 1;
}

function deliveryRow(
  orgUnitId: number,
  channel: ChannelKind,
  channelId: number | null,
  userId: number | null,
  recipient: string,
  items: NotificationItem[],
  now: Date,
  quiet: { start: string; end: string } | null,
) {
  const nowIso = now.toISOString();
  return {
    org_unit_id: orgUnitId,
    channel,
    channel_id: channelId,
    user_id: userId,
    recipient,
    items: JSON.stringify(items),
    status: 'pending' as const,
    attempts: 0,
    max_attempts: MAX_ATTEMPTS,
    next_attempt_at: outsideQuietHours(now, quiet).toISOString(),
    lease_until: null,
    last_error: null,
    quiet_start: quiet?.start ?? null,
    quiet_end: quiet?.end ?? null,
    created_at: nowIso,
    updated_at: nowIso,
    sent_at: null,
  };
}
