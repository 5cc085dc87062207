import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AuditCheckpointTable, AuditEventTable } from '../../db/schema.ts';

export type AuditRow = Omit<AuditEventTable, 'id'> & { id: number };
export type CheckpointRow = Omit<AuditCheckpointTable, 'id'> & { id: number };

/** Serialises chain appends on PostgreSQL (SQLite already has one writer at a time). */
export async function lockAuditChain(trx: Db): Promise<void> {
  const adapter = trx.getExecutor().adapter.constructor.name;
  if (adapter === 'PostgresAdapter') await sql`select pg_advisory_xact_lock(724011)`.execute(trx);
}

export async function lastAuditEvent(trx: Db): Promise<{ id: number; hash: string } | undefined> {
  return trx.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditEvent(trx: Db, row: Omit<AuditEventTable, 'id'>): Promise<number> {
  const r = await trx.insertInto('audit_events').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function listAuditEvents(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function countAuditEvents(db: Db): Promise<number> {
  const r = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findHeadCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('kind', '=', 'head')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listCheckpoints(db: Db): Promise<CheckpointRow[]> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
}

export async function insertCheckpoint(db: Db, row: Omit<AuditCheckpointTable, 'id'>): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).execute();
}

export async function updateHeadCheckpoint(
  db: Db,
  id: number,
  row: Pick<AuditCheckpointTable, 'head_id' | 'event_count' | 'head_hash' | 'created_at' | 'mac'>,
): Promise<void> {
  await db.updateTable('audit_checkpoints').set(row).where('id', '=', id).execute();
}
