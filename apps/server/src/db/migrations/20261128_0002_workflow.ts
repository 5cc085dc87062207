import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen migration: accounts, sessions, tokens, progress reports with evidence, supervision ladder, extensions.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .alterTable('users')
    .addColumn('is_head', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('enterprise_id', 'integer').execute();
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  // Occurrence state kept in step with its reports (same transaction), so status counts are one scan.
  await db.schema
    .alterTable('occurrences')
    .addColumn('report_state', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('occurrences').addColumn('submitted_at', 'text').execute();
  await db.schema.alterTable('occurrences').addColumn('accepted_at', 'text').execute();
  await db.schema.alterTable('occurrences').addColumn('extended_due', 'text').execute();
  await db.schema.alterTable('occurrences').addColumn('department_id', 'integer').execute();
  await db.schema
    .alterTable('occurrences')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('occurrences_department_due_idx')
    .on('occurrences')
    .columns(['department_id', 'due_date'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('occurrence_id', 'integer', (c) => c.notNull().references('occurrences.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('reports_occurrence_idx').on('reports').column('occurrence_id').execute();
  await db.schema.createIndex('reports_department_idx').on('reports').columns(['department_id', 'status']).execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('id', idType, id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_files_report_idx').on('evidence_files').column('report_id').execute();

  await db.schema
    .createTable('supervision_actions')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('occurrence_id', 'integer', (c) => c.notNull().references('occurrences.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('supervision_actions_occurrence_idx')
    .on('supervision_actions')
    .column('occurrence_id')
    .execute();

  await db.schema
    .createTable('extension_requests')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('occurrence_id', 'integer', (c) => c.notNull().references('occurrences.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('original_due', 'text', (c) => c.notNull())
    .addColumn('requested_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('extension_requests_occurrence_idx')
    .on('extension_requests')
    .column('occurrence_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'extension_requests',
    'supervision_actions',
    'evidence_files',
    'reports',
    'api_tokens',
    'sessions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
