import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: the hazard closed loop (issue 11). The catalogue of 重大事故隐患判定标准 (standards and their
// items; shipped entries are loaded from seed/hazard-standards at start, the office adds items), hazards with the
// major-hazard report and 五落实, 挂牌督办 listings with numbered notices, extensions, acceptances, files, the
// timeline, the exactly-once reminder claims and the unit's notification settings.
// 销号 is impossible in the database without a passed acceptance: a trigger on both SQLite and PostgreSQL refuses
// status = 'closed' unless the hazard's latest acceptance passed, and acceptances are append-only.
// Never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('hazard_standards')
    .addColumn('id', idType, id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text')
    .addColumn('repealed_by', 'text')
    .addColumn('replaces', 'text')
    .addColumn('industries', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hazard_standard_items')
    .addColumn('id', idType, id)
    .addColumn('standard_id', 'integer', (c) => c.notNull().references('hazard_standards.id'))
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('article_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    // 'shipped' (from seed/hazard-standards) or 'office' (added by the office, with its source).
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hazard_standard_items_uq', ['standard_id', 'article', 'item'])
    .addCheckConstraint('hazard_standard_items_origin_ck', sql`origin in ('shipped', 'office')`)
    .execute();

  await db.schema
    .createTable('hazards')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'integer', (c) => c.references('users.id'))
    .addColumn('basis_item_id', 'integer', (c) => c.references('hazard_standard_items.id'))
    .addColumn('basis_text', 'text', (c) => c.notNull().defaultTo(''))
    // Major-hazard report (16号令): 现状及原因, 危害程度和整改难易程度, 治理方案.
    .addColumn('report_current_state', 'text')
    .addColumn('report_severity', 'text')
    .addColumn('report_plan', 'text')
    // 五落实: 责任人, 措施, 资金 (元), 时限, 应急预案/临时措施.
    .addColumn('plan_responsible', 'text')
    .addColumn('plan_measures', 'text')
    .addColumn('plan_funds_yuan', 'bigint')
    .addColumn('plan_deadline', 'text')
    .addColumn('plan_contingency', 'text')
    // Effective time limit: the listing's limit, or the plan's, moved by approved extensions.
    .addColumn('time_limit', 'text')
    .addColumn('evaluation_kind', 'text')
    .addColumn('evaluation_org', 'text')
    .addColumn('evaluation_summary', 'text')
    .addColumn('evaluated_on', 'text')
    .addColumn('rectified_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'hazards_status_ck',
      sql`status in ('reported', 'confirmed', 'rectifying', 'acceptance_requested', 'accepted', 'closed')`,
    )
    .addCheckConstraint('hazards_level_ck', sql`level in ('general', 'major')`)
    .addCheckConstraint(
      'hazards_channel_ck',
      sql`channel in ('self_check', 'department_inspection', 'enforcement', 'public_report', 'expert', 'assigned', 'other')`,
    )
    .addCheckConstraint('hazards_funds_ck', sql`plan_funds_yuan is null or plan_funds_yuan >= 0`)
    .addCheckConstraint('hazards_closed_on_ck', sql`(status = 'closed') = (closed_on is not null)`)
    .addCheckConstraint(
      'hazards_evaluation_ck',
      sql`evaluation_kind is null or evaluation_kind in ('self', 'third_party')`,
    )
    .execute();
  await db.schema
    .createIndex('hazards_unit_status_idx')
    .on('hazards')
    .columns(['org_unit_id', 'status', 'id'])
    .execute();
  // Statistics read the year's rows from this index alone (index-only on PostgreSQL after vacuum).
  await db.schema
    .createIndex('hazards_unit_found_idx')
    .on('hazards')
    .columns(['org_unit_id', 'found_on', 'channel', 'level', 'status', 'time_limit', 'enterprise_id', 'closed_on'])
    .execute();
  await db.schema.createIndex('hazards_unit_closed_idx').on('hazards').columns(['org_unit_id', 'closed_on']).execute();
  await db.schema.createIndex('hazards_enterprise_idx').on('hazards').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('hazards_unit_id_idx').on('hazards').columns(['org_unit_id', 'id']).execute();

  // 挂牌督办: one listing per hazard, with a notice number unique in the unit.
  await db.schema
    .createTable('hazard_listings')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('hazard_id', 'integer', (c) => c.notNull().unique().references('hazards.id'))
    .addColumn('listing_level', 'text', (c) => c.notNull())
    .addColumn('listing_unit', 'text', (c) => c.notNull())
    .addColumn('supervising_department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('listed_on', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('notice_no', 'text', (c) => c.notNull())
    .addColumn('notice_year', 'integer', (c) => c.notNull())
    .addColumn('notice_seq', 'integer', (c) => c.notNull())
    .addColumn('time_limit', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hazard_listings_notice_uq', ['org_unit_id', 'notice_year', 'notice_seq'])
    .addCheckConstraint('hazard_listings_level_ck', sql`listing_level in ('province', 'city', 'county', 'zone')`)
    .execute();

  await db.schema
    .createTable('hazard_extensions')
    .addColumn('id', idType, id)
    .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazards.id'))
    .addColumn('current_limit', 'text', (c) => c.notNull())
    .addColumn('requested_limit', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('hazard_extensions_status_ck', sql`status in ('pending', 'approved', 'rejected')`)
    .execute();
  await db.schema.createIndex('hazard_extensions_hazard_idx').on('hazard_extensions').columns(['hazard_id']).execute();

  await db.schema
    .createTable('hazard_acceptances')
    .addColumn('id', idType, id)
    .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazards.id'))
    // 'acceptance' (on-site review after a request) | 'on_spot' (立查立改 checked by whoever found it).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text', (c) => c.notNull())
    .addColumn('acceptors', 'text', (c) => c.notNull())
    .addColumn('experts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('hazard_acceptances_result_ck', sql`result in ('pass', 'fail')`)
    .addCheckConstraint('hazard_acceptances_kind_ck', sql`kind in ('acceptance', 'on_spot')`)
    .addCheckConstraint('hazard_acceptances_reason_ck', sql`result = 'pass' or length(reason) > 0`)
    .execute();
  await db.schema
    .createIndex('hazard_acceptances_hazard_idx')
    .on('hazard_acceptances')
    .columns(['hazard_id', 'id'])
    .execute();

  await db.schema
    .createTable('hazard_files')
    .addColumn('id', idType, id)
    .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazards.id'))
    .addColumn('acceptance_id', 'integer', (c) => c.references('hazard_acceptances.id'))
    // before | after | evidence | evaluation | acceptance | report | explanation
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'hazard_files_kind_ck',
      sql`kind in ('before', 'after', 'evidence', 'evaluation', 'acceptance', 'report', 'explanation')`,
    )
    .execute();
  await db.schema.createIndex('hazard_files_hazard_idx').on('hazard_files').columns(['hazard_id']).execute();

  // The timeline: every step with who, when and what (the audit chain holds the before/after snapshots).
  await db.schema
    .createTable('hazard_events')
    .addColumn('id', idType, id)
    .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazards.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status_after', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hazard_events_hazard_idx').on('hazard_events').columns(['hazard_id', 'id']).execute();

  // Exactly-once reminders: one row per (hazard, effective time limit, step), claimed in the step's transaction.
  await db.schema
    .createTable('hazard_reminder_claims')
    .addColumn('id', idType, id)
    .addColumn('hazard_id', 'integer', (c) => c.notNull().references('hazards.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('scan_date', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hazard_reminder_claims_uq', ['hazard_id', 'due_date', 'step'])
    .execute();

  await db.schema
    .createTable('hazard_settings')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_units.id'))
    .addColumn('notify_principal', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notify_controller', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notify_department', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('remind_days_before', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  if (pg) {
    await sql`
      create function hazards_close_guard() returns trigger language plpgsql as $$
      begin
        if new.status = 'closed' and coalesce((select a.result from hazard_acceptances a where a.hazard_id = new.id
            order by a.id desc limit 1), '') <> 'pass' then
          raise exception 'acceptance_required: 销号须有通过的验收 (hazard %)', new.id using errcode = '23514';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger hazards_close_guard_trg before insert or update of status on hazards
      for each row execute function hazards_close_guard()`.execute(db);
    await sql`
      create function hazard_acceptances_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'hazard acceptances are append-only' using errcode = '23514';
      end $$`.execute(db);
    await sql`create trigger hazard_acceptances_append_only_trg before update or delete on hazard_acceptances
      for each row execute function hazard_acceptances_append_only()`.execute(db);
  } else {
    const closeCheck = `new.status = 'closed' and coalesce((select a.result from hazard_acceptances a
        where a.hazard_id = new.id order by a.id desc limit 1), '') <> 'pass'`;
    await sql
      .raw(`create trigger hazards_close_guard_upd before update of status on hazards for each row
        when ${closeCheck} begin select raise(abort, 'acceptance_required: 销号须有通过的验收'); end`)
      .execute(db);
    await sql
      .raw(`create trigger hazards_close_guard_ins before insert on hazards for each row
        when ${closeCheck} begin select raise(abort, 'acceptance_required: 销号须有通过的验收'); end`)
      .execute(db);
    await sql
      .raw(`create trigger hazard_acceptances_no_update before update on hazard_acceptances
        begin select raise(abort, 'hazard acceptances are append-only'); end`)
      .execute(db);
    await sql
      .raw(`create trigger hazard_acceptances_no_delete before delete on hazard_acceptances
        begin select raise(abort, 'hazard acceptances are append-only'); end`)
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of [
    'hazard_settings',
    'hazard_reminder_claims',
    'hazard_events',
    'hazard_files',
    'hazard_acceptances',
    'hazard_extensions',
    'hazard_listings',
    'hazards',
    'hazard_standard_items',
    'hazard_standards',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  if (pg) {
    await sql`drop function if exists hazards_close_guard()`.execute(db);
    await sql`drop function if exists hazard_acceptances_append_only()`.execute(db);
  }
}
