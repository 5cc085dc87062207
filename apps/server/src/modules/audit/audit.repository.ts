import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AuditEventTable } from '../../db/schema.ts';

export type AuditRow = Omit<AuditEventTable, 'id'> & { id: number };

/** Serialises chain appends on PostgreSQL (SQLite already has one writer at a time). */
export async function lockAuditChain(trx: Db): Promise<void> {
  const adapter = trx.getExecutor().adapter.constructor.name;
  if (adapter === 'PostgresAdapter') await sql`select pg_advisory_xact_lock(724011)`.execute(trx);
}

export async function lastAuditHash(trx: Db): Promise<string | null> {
  const row = await trx.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? null;
}

export async function insertAuditEvent(trx: Db, row: Omit<AuditEventTable, 'id'>): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
}

export async function listAuditEvents(db: Db, afterId: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
