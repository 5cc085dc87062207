import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DeliveryStatus, NotificationDeliveryTable } from '../../db/schema.ts';

/** SQL of notification_deliveries: the delivery log and the work list of the delivery worker. */
export type DeliveryRow = Selectable<NotificationDeliveryTable>;

export async function insertDeliveries(trx: Db, rows: Insertable<NotificationDeliveryTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('notification_deliveries').values(rows).execute();
}

/** Deliveries whose time has come, and ones whose worker's lease ran out (the worker died mid-send). */
export async function listDueDeliveryIds(db: Db, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Leases one delivery to this worker; undefined when another worker took it first. */
export async function leaseDelivery(
  db: Db,
  id: number,
  now: string,
  leaseUntil: string,
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('notification_deliveries')
    .set({ status: 'sending', lease_until: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  items?: string;
}

export async function finishDelivery(trx: Db, id: number, o: DeliveryOutcome, now: string): Promise<void> {
  await trx
    .updateTable('notification_deliveries')
    .set({
      status: o.status,
      attempts: o.attempts,
      next_attempt_at: o.nextAttemptAt,
      last_error: o.lastError,
      sent_at: o.sentAt,
      lease_until: null,
      updated_at: now,
      ...(o.items === undefined ? {} : { items: o.items }),
    })
    .where('id', '=', id)
    .execute();
}

export async function cancelPendingDeliveriesOfChannel(trx: Db, channelId: number, now: string): Promise<number> {
  const r = await trx
    .updateTable('notification_deliveries')
    .set({ status: 'cancelled', last_error: '渠道已删除', lease_until: null, updated_at: now })
    .where('channel_id', '=', channelId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface DeliveryFilter {
  orgUnitId: number;
  status?: DeliveryStatus | undefined;
  channelId?: number | undefined;
  limit: number;
  offset: number;
}

export async function listDeliveries(db: Db, f: DeliveryFilter): Promise<DeliveryRow[]> {
  let q = db.selectFrom('notification_deliveries').selectAll().where('org_unit_id', '=', f.orgUnitId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.channelId !== undefined) q = q.where('channel_id', '=', f.channelId);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}
