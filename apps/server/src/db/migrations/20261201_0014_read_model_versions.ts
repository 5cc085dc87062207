import type { Kysely } from 'kysely';

// Frozen migration: one counter per org unit (0 = every unit), raised in the transaction of every audited write.
// Cached read models (task table, dashboard) are keyed by it, so several app instances agree on what is current.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('read_model_versions')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('read_model_versions').execute();
}
