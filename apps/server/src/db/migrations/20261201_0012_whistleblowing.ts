import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen migration: whistleblower reports (举报) with receipt codes, the reporter's identity kept apart and encrypted,
// attachments, lookup lockout, rewards, the deadline steps' exactly-once claims, knowledge articles of the public
// portal, the unit's whistleblowing policy, and the report-handler permission on accounts.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .alterTable('users')
    .addColumn('can_handle_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('whistle_reports')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer')
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('is_employee', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('transfer_to', 'text')
    .addColumn('duplicate_of', 'integer', (c) => c.references('whistle_reports.id'))
    .addColumn('investigation', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('conclusion_reason', 'text')
    .addColumn('hazard_id', 'integer')
    .addColumn('public_reply', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_reason', 'text')
    .addColumn('extension_approved_by', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('feedback_due_on', 'text')
    .addColumn('feedback_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('whistle_reports_unit_status_idx')
    .on('whistle_reports')
    .columns(['org_unit_id', 'status'])
    .execute();

  // The reporter's name and contact: one sealed value (AES-256-GCM), never in whistle_reports, never in the audit.
  await db.schema
    .createTable('whistle_identities')
    .addColumn('report_id', 'integer', (c) => c.primaryKey().references('whistle_reports.id'))
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('whistle_attachments')
    .addColumn('id', idType, id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('whistle_reports.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Failed lookups per receipt code (sha256 of what was typed, known or not) for the lockout.
  await db.schema
    .createTable('whistle_lookup_attempts')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('whistle_rewards')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('report_id', 'integer', (c) => c.notNull().unique().references('whistle_reports.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('fine_yuan', 'integer')
    .addColumn('deaths', 'integer')
    .addColumn('accident_grade', 'text')
    .addColumn('computed_yuan', 'integer', (c) => c.notNull())
    .addColumn('amount_yuan', 'integer', (c) => c.notNull())
    .addColumn('tariff', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('payee_sealed', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Deadline reminders: one row per report × due date × step, claimed with insert … on conflict do nothing.
  await db.schema
    .createTable('whistle_deadline_steps')
    .addColumn('id', idType, id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('whistle_reports.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('whistle_deadline_steps_once', ['report_id', 'due_on', 'step'])
    .execute();

  await db.schema
    .createTable('whistle_policies')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_units.id'))
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('knowledge_articles')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'knowledge_articles',
    'whistle_policies',
    'whistle_deadline_steps',
    'whistle_rewards',
    'whistle_lookup_attempts',
    'whistle_attachments',
    'whistle_identities',
    'whistle_reports',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('users').dropColumn('can_handle_reports').execute();
}
