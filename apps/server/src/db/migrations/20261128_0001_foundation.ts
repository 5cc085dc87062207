import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen migration: never import application code here; change the schema with a new migration.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const blob = pg ? 'bytea' : 'blob';

  await db.schema
    .createTable('org_units')
    .addColumn('id', idType, id)
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('report_cadence', 'text', (c) => c.notNull().defaultTo('quarterly'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaigns_unit_code_uq', ['org_unit_id', 'code'])
    .execute();

  await db.schema
    .createTable('task_lists')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_format', 'text', (c) => c.notNull())
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('source_bytes', blob, (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_lists_campaign_year_uq', ['org_unit_id', 'campaign_id', 'year'])
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', idType, id)
    .addColumn('task_list_id', 'integer', (c) => c.notNull().references('task_lists.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('categories_list_seq_uq', ['task_list_id', 'seq'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', idType, id)
    .addColumn('task_list_id', 'integer', (c) => c.notNull().references('task_lists.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('departments_text', 'text', (c) => c.notNull())
    .addColumn('deadline_text', 'text', (c) => c.notNull())
    .addColumn('deadline_needs_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline_unparsed', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deadline_ongoing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_progress', 'text')
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addUniqueConstraint('tasks_list_seq_uq', ['task_list_id', 'seq'])
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('department'))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('departments_unit_name_uq', ['org_unit_id', 'name'])
    .execute();

  await db.schema
    .createTable('department_aliases')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addUniqueConstraint('department_aliases_unit_alias_uq', ['org_unit_id', 'alias'])
    .execute();

  await db.schema
    .createTable('department_group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('department_group_members_pk', ['group_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', idType, id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('via_group_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assignments_task_dept_role_uq', ['task_id', 'department_id', 'role'])
    .execute();
  await db.schema.createIndex('assignments_department_idx').on('assignments').column('department_id').execute();

  await db.schema
    .createTable('schedule_rules')
    .addColumn('id', idType, id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('min_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('condition', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_rules_task_seq_uq', ['task_id', 'seq'])
    .execute();

  await db.schema
    .createTable('occurrences')
    .addColumn('id', idType, id)
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('rule_id', 'integer', (c) => c.notNull().references('schedule_rules.id').onDelete('cascade'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('min_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('condition', 'text')
    .addUniqueConstraint('occurrences_assignment_rule_period_uq', ['assignment_id', 'rule_id', 'period_key'])
    .execute();
  await db.schema.createIndex('occurrences_due_idx').on('occurrences').columns(['due_date']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Append-only, hash-chained: hash = sha256 over prev_hash and the event's fields (see audit.service.ts).
  await db.schema
    .createTable('audit_events')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'audit_events',
    'users',
    'occurrences',
    'schedule_rules',
    'assignments',
    'department_group_members',
    'department_aliases',
    'departments',
    'tasks',
    'categories',
    'task_lists',
    'campaigns',
    'org_units',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
