import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: the hazard statistics' summary (issue 11). Two count tables kept by every hazard write in its
// transaction (hazards.repository insertHazard/updateHazard → hazard-summary.repository):
// - hazard_summary: per org unit × channel × level × status × month found × month closed ('' while open);
// - hazard_industry_summary: per org unit × industry (an enterprise in two industries counts in both) × month found
//   × closed, moved when an enterprise's industries change.
// A partial index serves the one time-dependent figure (overdue: open hazards past their time limit).
// Existing hazards are counted here; `duban hazards rebuild-stats` recounts at any time.
// The notification outbox is generalised for notices that are not 任务事项 steps (a hazard's listing and time
// limits): notification_queue gains subject_kind ('occurrence' for every existing row) and subject_id, and its
// step_id / occurrence_id become optional (set for occurrence rows only); a delivery may carry its rendered notice.
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

  await generaliseOutbox(db);
}

// An occurrence row names its step and occurrence; any other subject names its id instead.
const SUBJECT_CHECK = sql.raw(
  "(subject_kind = 'occurrence' and step_id is not null and occurrence_id is not null) or " +
    "(subject_kind <> 'occurrence' and subject_id is not null)",
);

async function generaliseOutbox(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await sql`alter table notification_queue alter column step_id drop not null,
      alter column occurrence_id drop not null,
      add column subject_kind text not null default 'occurrence', add column subject_id integer,
      add constraint notification_queue_subject_ck check (${SUBJECT_CHECK})`.execute(db);
  } else {
    // SQLite cannot drop NOT NULL: the table is rebuilt with the same rows (nothing references it).
    await sql`create table notification_queue_new (
      id integer primary key autoincrement,
      org_unit_id integer not null references org_units (id),
      step_id integer references reminder_steps (id) on delete cascade,
      occurrence_id integer,
      user_id integer references users (id) on delete cascade,
      channel_id integer references notification_channels (id) on delete cascade,
      payload text not null,
      status text not null,
      created_at text not null,
      composed_at text,
      subject_kind text not null default 'occurrence',
      subject_id integer,
      constraint notification_queue_subject_ck check (${SUBJECT_CHECK}))`.execute(db);
    await sql`insert into notification_queue_new (id, org_unit_id, step_id, occurrence_id, user_id, channel_id,
        payload, status, created_at, composed_at)
      select id, org_unit_id, step_id, occurrence_id, user_id, channel_id, payload, status, created_at, composed_at
      from notification_queue`.execute(db);
    await sql`drop table notification_queue`.execute(db);
    await sql`alter table notification_queue_new rename to notification_queue`.execute(db);
    await sql`create index notification_queue_status_idx on notification_queue (status, user_id, channel_id)`.execute(
      db,
    );
  }
  await db.schema.alterTable('notification_deliveries').addColumn('notice', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index hazards_open_limit_idx`.execute(db);
  await db.schema.dropTable('hazard_industry_summary').execute();
  await db.schema.dropTable('hazard_summary').execute();
}
