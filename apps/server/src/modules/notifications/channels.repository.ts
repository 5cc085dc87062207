import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NotificationChannelTable } from '../../db/schema.ts';

/** SQL of notification_channels: chat robots, webhooks and mailboxes per department or for the unit itself. */
export type ChannelRow = Selectable<NotificationChannelTable>;

export async function listChannels(db: Db, orgUnitId: number): Promise<ChannelRow[]> {
  return db
    .selectFrom('notification_channels')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .orderBy('department_id')
    .orderBy('id')
    .execute();
}

export async function listEnabledChannels(db: Db, orgUnitId: number): Promise<ChannelRow[]> {
  return db
    .selectFrom('notification_channels')
    .selectAll()
    .where('org_unit_id', '=', orgUnitId)
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
}

export async function findChannel(db: Db, id: number): Promise<ChannelRow | undefined> {
  return db.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findChannelInUnit(db: Db, orgUnitId: number, id: number): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('notification_channels')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function insertChannel(trx: Db, row: Insertable<NotificationChannelTable>): Promise<ChannelRow> {
  return trx.insertInto('notification_channels').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes the change only at the expected version; returns the updated row if it did. */
export async function updateChannel(
  trx: Db,
  id: number,
  expectedVersion: number,
  change: Updateable<NotificationChannelTable>,
): Promise<ChannelRow | undefined> {
  return trx
    .updateTable('notification_channels')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteChannel(trx: Db, id: number, expectedVersion: number): Promise<boolean> {
  const r = await trx
    .deleteFrom('notification_channels')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
