import type { Kysely } from 'kysely';

// Frozen migration: the office's correction of a parsed deadline, kept beside the source text.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('deadline_override', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('deadline_override').execute();
}
