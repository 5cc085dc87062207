import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration (issue 9, security): API tokens expire; usernames unique regardless of case; login and
// password-change throttling by key (known and unknown usernames alike); signed audit checkpoints.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();

  // Two accounts whose names differ only in case would make this fail: resolve them before upgrading.
  await sql`create unique index users_username_ci_idx on users (lower(username))`.execute(db);

  await db.schema
    .createTable('login_throttle')
    .addColumn('throttle_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', idType, id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('head_id', 'integer', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_kind_idx').on('audit_checkpoints').columns(['kind', 'id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('login_throttle').execute();
  await sql`drop index users_username_ci_idx`.execute(db);
  await db.schema.alterTable('api_tokens').dropColumn('last_used_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
