import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: the enterprise registry (issue 11). Enterprises with their registry fields and a version
// history, the maintained catalogue of industries / special tags / risk classes (seeded), the enterprise ×
// catalogue links, and the supervising departments with their role (行业监管 / 属地管理 / 综合监管).
// users.enterprise_id (migration 0002) binds an enterprise account to its enterprise.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

/** The catalogue as shipped: [code, name, kind, group]. The office can add rows and retire them (active = 0). */
const CATALOGUE: [string, string, 'industry' | 'tag' | 'risk_class', string | null][] = [
  ['metallurgy', '冶金', 'industry', '工贸'],
  ['nonferrous', '有色', 'industry', '工贸'],
  ['building_materials', '建材', 'industry', '工贸'],
  ['machinery', '机械', 'industry', '工贸'],
  ['light_industry', '轻工', 'industry', '工贸'],
  ['textile', '纺织', 'industry', '工贸'],
  ['tobacco', '烟草', 'industry', '工贸'],
  ['commerce', '商贸', 'industry', '工贸'],
  ['hazardous_chemicals', '危险化学品', 'industry', null],
  ['chemical', '化工', 'industry', null],
  ['fireworks', '烟花爆竹', 'industry', null],
  ['construction', '建筑施工', 'industry', null],
  ['town_gas', '城镇燃气', 'industry', null],
  ['special_equipment', '特种设备使用', 'industry', null],
  ['nonmetal_mining', '金属非金属矿山', 'industry', null],
  ['road_transport', '道路运输', 'industry', null],
  ['civil_explosives', '民用爆炸物品', 'industry', null],
  ['crowded_places', '人员密集场所', 'industry', null],
  ['dust_explosion', '粉尘涉爆', 'tag', null],
  ['ammonia_refrigeration', '涉氨制冷', 'tag', null],
  ['confined_space', '有限空间作业', 'tag', null],
  ['aluminium_deep_well', '铝加工（深井铸造）', 'tag', null],
  ['major_hazard_source', '重大危险源', 'tag', null],
  ['metal_smelting', '金属冶炼', 'tag', null],
  ['red', '重大风险（红）', 'risk_class', null],
  ['orange', '较大风险（橙）', 'risk_class', null],
  ['yellow', '一般风险（黄）', 'risk_class', null],
  ['blue', '低风险（蓝）', 'risk_class', null],
];

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('industry_catalogue')
    .addColumn('id', idType, id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('industry_catalogue_kind_ck', sql`kind in ('industry', 'tag', 'risk_class')`)
    .execute();
  const now = '2026-12-01T00:00:00.000Z';
  await db
    .insertInto('industry_catalogue')
    .values(
      CATALOGUE.map(([code, name, kind, group], i) => ({
        code,
        name,
        kind,
        group_name: group,
        seq: (i + 1) * 10,
        active: 1,
        created_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('enterprises')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    // 属地: the street / town / park inside the unit (free text, as the registry spreadsheets write it).
    .addColumn('locality', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('high_risk', 'integer', (c) => c.notNull().defaultTo(0))
    // 安全生产标准化 level: '一级' | '二级' | '三级' | '小微' | null (none).
    .addColumn('standardization_level', 'text')
    // A code of an industry_catalogue row of kind 'risk_class', or null.
    .addColumn('risk_class', 'text')
    .addColumn('employees', 'integer')
    .addColumn('principal_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('principal_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('controller_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('controller_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('safety_manager_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('safety_manager_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('operating'))
    .addColumn('opened_on', 'text')
    .addColumn('suspended_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // 1 for the demo set loaded on first start (shown as 演示数据).
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('enterprises_unit_code_uq', ['org_unit_id', 'credit_code'])
    .addCheckConstraint('enterprises_status_ck', sql`status in ('operating', 'suspended', 'closed')`)
    .addCheckConstraint('enterprises_code_len_ck', sql`length(credit_code) = 18`)
    .execute();
  await db.schema
    .createIndex('enterprises_unit_status_idx')
    .on('enterprises')
    .columns(['org_unit_id', 'status'])
    .execute();
  await db.schema.createIndex('enterprises_unit_name_idx').on('enterprises').columns(['org_unit_id', 'name']).execute();

  // The full record after every change (version n = the row as it was at version n).
  await db.schema
    .createTable('enterprise_versions')
    .addColumn('id', idType, id)
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprise_versions_uq', ['enterprise_id', 'version'])
    .execute();

  await db.schema
    .createTable('enterprise_industries')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('catalogue_id', 'integer', (c) => c.notNull().references('industry_catalogue.id'))
    .addPrimaryKeyConstraint('enterprise_industries_pk', ['enterprise_id', 'catalogue_id'])
    .execute();
  await db.schema
    .createIndex('enterprise_industries_catalogue_idx')
    .on('enterprise_industries')
    .columns(['catalogue_id', 'enterprise_id'])
    .execute();

  await db.schema
    .createTable('enterprise_supervisors')
    .addColumn('id', idType, id)
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    // 'industry' 行业监管 | 'territorial' 属地管理 | 'comprehensive' 综合监管
    .addColumn('role', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprise_supervisors_uq', ['enterprise_id', 'department_id', 'role'])
    .addCheckConstraint('enterprise_supervisors_role_ck', sql`role in ('industry', 'territorial', 'comprehensive')`)
    .execute();
  await db.schema
    .createIndex('enterprise_supervisors_department_idx')
    .on('enterprise_supervisors')
    .columns(['department_id', 'enterprise_id'])
    .execute();

  await db.schema.createIndex('users_enterprise_idx').on('users').column('enterprise_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('users_enterprise_idx').execute();
  await db.schema.dropTable('enterprise_supervisors').execute();
  await db.schema.dropTable('enterprise_industries').execute();
  await db.schema.dropTable('enterprise_versions').execute();
  await db.schema.dropTable('enterprises').execute();
  await db.schema.dropTable('industry_catalogue').execute();
}
