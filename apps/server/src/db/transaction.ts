import type { Db } from './database.ts';

/**
 * Runs `fn` in a transaction: the caller's when `db` already is one (a use case composed into a larger write, such
 * as a returned sheet filing many reports at once), else a new one. Kysely refuses nested `transaction()` calls.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
