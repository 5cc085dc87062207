import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: shared file storage in the database (issue 16, DUBAN_STORAGE=database). Evidence, hazard and
// inspection photos and whistleblowers' encrypted attachments, keyed by the sha256 of the stored bytes, so every
// app instance serves every file without another service.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`length(sha256) = 64`))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('evidence_blobs').execute();
}
