import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NotificationPreferenceTable, NotificationQueueTable, NotificationTable } from '../../db/schema.ts';

/**
 * SQL of notifications (the in-app centre), notification_queue (the outbox written by reminder steps) and
 * notification_preferences. One read of another domain's table: which occurrences are still open, checked again
 * right before a message is composed or sent.
 */
export type NotificationRow = Selectable<NotificationTable>;
export type QueueRow = Selectable<NotificationQueueTable>;
export type PreferenceRow = Selectable<NotificationPreferenceTable>;

// ── notification_queue ──────────────────────────────────────────────────────────────────────────────────────────

export async function insertQueueItems(trx: Db, rows: Insertable<NotificationQueueTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('notification_queue').values(rows).execute();
}

export interface QueueRecipient {
  org_unit_id: number;
  user_id: number | null;
  channel_id: number | null;
}

export async function listQueuedRecipients(db: Db, limit: number): Promise<QueueRecipient[]> {
  return db
    .selectFrom('notification_queue')
    .select(['org_unit_id', 'user_id', 'channel_id'])
    .where('status', '=', 'queued')
    .groupBy(['org_unit_id', 'user_id', 'channel_id'])
    .orderBy('org_unit_id')
    .orderBy('user_id')
    .orderBy('channel_id')
    .limit(limit)
    .execute();
}

/**
 * Takes every queued item of one recipient: only the transaction whose update changed a row gets it, so two
 * composers never compose the same item.
 */
export async function takeQueuedItems(trx: Db, r: QueueRecipient, now: string): Promise<QueueRow[]> {
  let q = trx
    .updateTable('notification_queue')
    .set({ status: 'composed', composed_at: now })
    .where('status', '=', 'queued')
    .where('org_unit_id', '=', r.org_unit_id);
  q = r.user_id === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', r.user_id);
  q = r.channel_id === null ? q.where('channel_id', 'is', null) : q.where('channel_id', '=', r.channel_id);
  return q.returningAll().execute();
}

export async function markQueueItemsDropped(trx: Db, ids: number[]): Promise<void> {
  if (ids.length > 0)
    await trx.updateTable('notification_queue').set({ status: 'dropped' }).where('id', 'in', ids).execute();
}

// ── occurrences (read only) ─────────────────────────────────────────────────────────────────────────────────────

/** The ids among `ids` whose occurrence is still open: not submitted, not accepted. */
export async function openOccurrenceIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('occurrences')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('report_state', 'in', ['none', 'draft', 'returned'])
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ── notifications ───────────────────────────────────────────────────────────────────────────────────────────────

export async function insertNotification(trx: Db, row: Insertable<NotificationTable>): Promise<number> {
  const r = await trx.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listNotifications(
  db: Db,
  userId: number,
  f: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function countNotifications(db: Db, userId: number): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('read_at', 'is', null).then(1).else(0).end()).as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread ?? 0) };
}

export async function findNotification(db: Db, userId: number, id: number): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markNotificationRead(trx: Db, userId: number, id: number, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllNotificationsRead(trx: Db, userId: number, now: string): Promise<number> {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── notification_preferences ────────────────────────────────────────────────────────────────────────────────────

export async function findPreferences(db: Db, userId: number): Promise<PreferenceRow | undefined> {
  return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPreferences(trx: Db, row: PreferenceRow): Promise<void> {
  const { user_id, ...rest } = row;
  await trx
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(rest))
    .execute();
}

/** What a notice about one 任务事项 says: its task, department and dates (read-only join of the task-list tables). */
export async function findOccurrenceFacts(db: Db, occurrenceId: number) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select([
      'o.id',
      'o.department_id',
      'o.due_date',
      'o.extended_due',
      't.no as task_no',
      't.text as task_text',
      'd.name as department_name',
    ])
    .where('o.id', '=', occurrenceId)
    .executeTakeFirst();
}
