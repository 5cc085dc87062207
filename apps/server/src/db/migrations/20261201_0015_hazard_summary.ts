import { type Kysely, sql } from 'kysely';

// Frozen migration: the hazard statistics' summary (issue 11). Two count tables kept by every hazard write in its
// transaction (hazards.repository insertHazard/updateHazard → hazard-summary.repository):
// - hazard_summary: per org unit × channel × level × status × month found × month closed ('' while open);
// - hazard_industry_summary: per org unit × industry (an enterprise in two industries counts in both) × month found
//   × closed, moved when an enterprise's industries change.
// A partial index serves the one time-dependent figure (overdue: open hazards past their time limit).
// Existing hazards are counted here; `duban hazards rebuild-stats` recounts at any time.
// Never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('hazard_summary')
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('found_month', 'text', (c) => c.notNull())
    .addColumn('closed_month', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_summary_pk', [
      'org_unit_id',
      'found_month',
      'closed_month',
      'channel',
      'level',
      'status',
    ])
    .execute();
  await db.schema
    .createIndex('hazard_summary_closed_idx')
    .on('hazard_summary')
    .columns(['org_unit_id', 'closed_month'])
    .execute();

  await db.schema
    .createTable('hazard_industry_summary')
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('found_month', 'text', (c) => c.notNull())
    .addColumn('catalogue_id', 'integer', (c) => c.notNull().references('industry_catalogue.id'))
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hazard_industry_summary_pk', ['org_unit_id', 'found_month', 'catalogue_id', 'closed'])
    .execute();

  await sql`create index hazards_open_limit_idx on hazards (org_unit_id, time_limit, found_on)
    where status not in ('closed', 'accepted') and time_limit is not null`.execute(db);

  await sql`insert into hazard_summary (org_unit_id, found_month, closed_month, channel, level, status, n)
    select org_unit_id, substr(found_on, 1, 7), coalesce(substr(closed_on, 1, 7), ''), channel, level, status, count(*)
    from hazards group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`insert into hazard_industry_summary (org_unit_id, found_month, catalogue_id, closed, n)
    select h.org_unit_id, substr(h.found_on, 1, 7), ei.catalogue_id,
      case when h.status = 'closed' then 1 else 0 end, count(*)
    from hazards h
    join enterprise_industries ei on ei.enterprise_id = h.enterprise_id
    join industry_catalogue c on c.id = ei.catalogue_id and c.kind = 'industry'
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index hazards_open_limit_idx`.execute(db);
  await db.schema.dropTable('hazard_industry_summary').execute();
  await db.schema.dropTable('hazard_summary').execute();
}
