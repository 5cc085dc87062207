import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration (issue 16): lists at every level and 直报.
// - rollup_zone_links: a department registry entry of an upper unit (city, province) stands for a child org unit,
//   so the upper list's duties assigned to that entry are the zone's duties;
// - rollup_task_links: the zone distributes an upper task to its own tasks (their departments report on them);
// - rollup_submissions: a unit's period report to its parent (直报), one row per version, with the frozen official
//   table (.xlsx) and figures (JSON).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const blob = pg ? 'bytea' : 'blob';

  await db.schema
    .createTable('rollup_zone_links')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().unique().references('departments.id'))
    .addColumn('zone_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rollup_zone_links_unit_zone_uq', ['org_unit_id', 'zone_unit_id'])
    .execute();
  await db.schema.createIndex('rollup_zone_links_zone_ix').on('rollup_zone_links').column('zone_unit_id').execute();

  await db.schema
    .createTable('rollup_task_links')
    .addColumn('id', idType, id)
    .addColumn('zone_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('upper_task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('own_task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rollup_task_links_uq', ['zone_unit_id', 'upper_task_id', 'own_task_id'])
    .execute();

  await db.schema
    .createTable('rollup_submissions')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('parent_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'returned', 'accepted')`))
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', blob, (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('rollup_submissions_unit_period_seq_uq', ['org_unit_id', 'period_key', 'seq'])
    .execute();
  await db.schema
    .createIndex('rollup_submissions_parent_ix')
    .on('rollup_submissions')
    .columns(['parent_unit_id', 'period_key'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('rollup_submissions').execute();
  await db.schema.dropTable('rollup_task_links').execute();
  await db.schema.dropTable('rollup_zone_links').execute();
}
