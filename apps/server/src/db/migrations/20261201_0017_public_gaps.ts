import type { Kysely } from 'kysely';

// Frozen migration: the public side's abuse counters in the database (issue 14), so several app instances agree.
// One row per bucket (per address, per network, per lookup address, a used challenge nonce) × fixed window start
// (ms since the epoch); hits raised by an atomic upsert. Old windows are swept by window_start.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('public_rate_counters')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_rate_counters_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema
    .createIndex('public_rate_counters_window_idx')
    .on('public_rate_counters')
    .column('window_start')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('public_rate_counters').execute();
}
