import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: inspections and enforcement (issue 15). Inspection profiles (class and key flag per
// enterprise), annual plans and their items, the matter list (抽查事项清单), the inspector pool with conflicts,
// reproducible draws (seed, pools hash, pools snapshot, result), inspection records with team, checklist and
// findings (client keys make offline sync idempotent), enforcement actions, and the expert pool (certificates,
// exactly-once expiry warnings, engagements with evaluations). Enterprises and hazards are other modules' tables:
// referenced by id only, reached through their services.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const unit = (c: ColumnDefinitionBuilder) => c.notNull().references('org_units.id');

  await db.schema
    .createTable('inspection_profiles')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('class_code', 'text', (c) => c.notNull())
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_profiles_uq', ['org_unit_id', 'enterprise_id'])
    .execute();

  await db.schema
    .createTable('inspection_plans')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('class_table', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('inspection_plans_status_ck', sql`status in ('draft', 'approved', 'published')`)
    .execute();
  await db.schema
    .createIndex('inspection_plans_unit_year_idx')
    .on('inspection_plans')
    .columns(['org_unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('inspection_plan_items')
    .addColumn('id', idType, id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('inspection_plans.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('class_code', 'text', (c) => c.notNull())
    .addColumn('is_key', 'integer', (c) => c.notNull())
    .addColumn('planned', 'integer', (c) => c.notNull())
    .addColumn('months', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_plan_items_uq', ['plan_id', 'enterprise_id'])
    .execute();
  await db.schema
    .createIndex('inspection_plan_items_dept_idx')
    .on('inspection_plan_items')
    .columns(['plan_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('inspection_matters')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_matters_uq', ['org_unit_id', 'code'])
    .execute();

  await db.schema
    .createTable('inspectors')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('expert_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('inspectors_kind_ck', sql`kind in ('staff', 'expert')`)
    .execute();
  await db.schema.createIndex('inspectors_user_idx').on('inspectors').column('user_id').execute();

  await db.schema
    .createTable('inspector_conflicts')
    .addColumn('id', idType, id)
    .addColumn('inspector_id', 'integer', (c) => c.notNull().references('inspectors.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    // 'employer' (current or former) | 'declared'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspector_conflicts_uq', ['inspector_id', 'enterprise_id', 'kind'])
    .execute();

  await db.schema
    .createTable('inspection_draws')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'integer', (c) => c.references('inspection_matters.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('pools_hash', 'text', (c) => c.notNull())
    .addColumn('pools', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('drawn'))
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addCheckConstraint('inspection_draws_status_ck', sql`status in ('drawn', 'published')`)
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('plan_id', 'integer', (c) => c.references('inspection_plans.id'))
    .addColumn('draw_id', 'integer', (c) => c.references('inspection_draws.id'))
    .addColumn('matter_id', 'integer', (c) => c.references('inspection_matters.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    // 'planned' | 'draw' | 'complaint' (举报) | 'assigned' (交办) | 'other'
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('inspected_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    // 'pending' | 'signed' | 'refused'
    .addColumn('signature', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('signed_by', 'text')
    .addColumn('refusal_note', 'text')
    .addColumn('record_no', 'text')
    .addColumn('order_no', 'text')
    .addColumn('order_due_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('inspections_status_ck', sql`status in ('scheduled', 'in_progress', 'completed')`)
    .addCheckConstraint('inspections_signature_ck', sql`signature in ('pending', 'signed', 'refused')`)
    .execute();
  await db.schema
    .createIndex('inspections_unit_date_idx')
    .on('inspections')
    .columns(['org_unit_id', 'inspected_on'])
    .execute();
  await db.schema
    .createIndex('inspections_enterprise_idx')
    .on('inspections')
    .columns(['enterprise_id', 'inspected_on'])
    .execute();

  await db.schema
    .createTable('inspection_team')
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    .addColumn('inspector_id', 'integer', (c) => c.notNull().references('inspectors.id'))
    .addPrimaryKeyConstraint('inspection_team_pk', ['inspection_id', 'inspector_id'])
    .execute();
  await db.schema
    .createIndex('inspection_team_inspector_idx')
    .on('inspection_team')
    .columns(['inspector_id', 'inspection_id'])
    .execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', idType, id)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    // The device's idempotency key: a finding synced twice is stored once.
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('item', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('hazard_id', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('inspection_findings_level_ck', sql`level in ('general', 'major')`)
    .execute();
  await db.schema
    .createIndex('inspection_findings_inspection_idx')
    .on('inspection_findings')
    .column('inspection_id')
    .execute();

  await db.schema
    .createTable('inspection_photos')
    .addColumn('id', idType, id)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enforcement_actions')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('inspection_id', 'integer', (c) => c.references('inspections.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('days', 'integer')
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision_no', 'text')
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('publish_by', 'text')
    .addColumn('published_on', 'text')
    .addColumn('zero_reason', 'text')
    .addColumn('zero_text', 'text')
    .addColumn('major_hazard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enforcement_actions_unit_date_idx')
    .on('enforcement_actions')
    .columns(['org_unit_id', 'decided_on'])
    .execute();
  await db.schema
    .createIndex('enforcement_actions_enterprise_idx')
    .on('enforcement_actions')
    .columns(['enterprise_id', 'decided_on'])
    .execute();

  await db.schema
    .createTable('experts')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', unit)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('employer_enterprise_id', 'integer')
    .addColumn('employer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('former_employer_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('availability_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('expert_certificates')
    .addColumn('id', idType, id)
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Exactly-once claim of an expiry warning: one row per certificate × expiry date × stage.
  await db.schema
    .createTable('expert_certificate_warnings')
    .addColumn('certificate_id', 'integer', (c) => c.notNull().references('expert_certificates.id').onDelete('cascade'))
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('expert_certificate_warnings_pk', ['certificate_id', 'expires_on', 'stage'])
    .execute();

  await db.schema
    .createTable('expert_engagements')
    .addColumn('id', idType, id)
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'integer', (c) => c.references('inspections.id'))
    .addColumn('enterprise_id', 'integer')
    .addColumn('engaged_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('score', 'integer')
    .addColumn('evaluation', 'text')
    .addColumn('evaluated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'expert_engagements',
    'expert_certificate_warnings',
    'expert_certificates',
    'experts',
    'enforcement_actions',
    'inspection_photos',
    'inspection_findings',
    'inspection_team',
    'inspections',
    'inspection_draws',
    'inspector_conflicts',
    'inspectors',
    'inspection_matters',
    'inspection_plan_items',
    'inspection_plans',
    'inspection_profiles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
