import { type Kysely, sql } from 'kysely';

// Frozen migration (issue 13, the remaining pilot gaps):
// 1. departments.retired_at: a retired department gets no new duties (the importer and the forms skip it); its
//    history stays where it is.
// 2. supervision_doc_counters: the last 督办/催办 document number per unit × kind × year, raised by an UPDATE in
//    the issuing transaction (a row lock), so concurrent batches never take the same number. Started from the
//    numbers already issued.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('departments').addColumn('retired_at', 'text').execute();
  await db.schema
    .createTable('supervision_doc_counters')
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_doc_counters_pk', ['org_unit_id', 'kind', 'year'])
    .execute();
  await sql`
    insert into supervision_doc_counters (org_unit_id, kind, year, last_no)
    select org_unit_id, kind, year, max(seq_no) from supervision_batches group by org_unit_id, kind, year
  `.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('supervision_doc_counters').execute();
  await db.schema.alterTable('departments').dropColumn('retired_at').execute();
}
