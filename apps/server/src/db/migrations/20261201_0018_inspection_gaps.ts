import type { Kysely } from 'kysely';

// Frozen migration: inspection document numbers that cannot collide (issue 15). A counter per unit × kind
// (record_no 现场检查记录 / order_no 责令限期整改指令书) × year, raised by one atomic upsert inside the completing
// transaction, and unique indexes on the numbers. Counters start from the numbers already given; a number given
// twice before this migration (the race it closes) keeps its first holder (lowest id) and the others get the next
// free numbers of their year, so the unique indexes can be built.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

const KINDS = [
  { column: 'record_no', prefix: '检记' },
  { column: 'order_no', prefix: '责改' },
] as const;
const NUMBER = /〔(\d{4})〕(\d+)号$/;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('inspection_document_counters')
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_document_counters_pk', ['org_unit_id', 'kind', 'year'])
    .execute();

  for (const { column, prefix } of KINDS) {
    const rows: { id: number; org_unit_id: number; no: string }[] = await db
      .selectFrom('inspections')
      .select(['id', 'org_unit_id', `${column} as no`])
      .where(column, 'is not', null)
      .orderBy('id')
      .execute();
    const last = new Map<string, number>();
    const seen = new Set<string>();
    const twice: typeof rows = [];
    for (const r of rows) {
      const m = NUMBER.exec(r.no);
      if (m) {
        const key = `${r.org_unit_id}|${m[1]}`;
        last.set(key, Math.max(last.get(key) ?? 0, Number(m[2])));
      }
      if (seen.has(`${r.org_unit_id}|${r.no}`)) twice.push(r);
      seen.add(`${r.org_unit_id}|${r.no}`);
    }
    for (const r of twice) {
      const year = NUMBER.exec(r.no)?.[1];
      let no = `${r.no}-${r.id}`; // a number not written by Duban: kept, made unique
      if (year) {
        const key = `${r.org_unit_id}|${year}`;
        const next = (last.get(key) ?? 0) + 1;
        last.set(key, next);
        no = `${prefix}〔${year}〕${String(next).padStart(4, '0')}号`;
      }
      await db
        .updateTable('inspections')
        .set({ [column]: no })
        .where('id', '=', r.id)
        .execute();
    }
    for (const [key, n] of last) {
      const [unit, year] = key.split('|');
      await db
        .insertInto('inspection_document_counters')
        .values({ org_unit_id: Number(unit), kind: column, year: Number(year), last_no: n })
        .execute();
    }
    await db.schema
      .createIndex(`inspections_${column}_uq`)
      .on('inspections')
      .columns(['org_unit_id', column])
      .unique()
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const { column } of KINDS) await db.schema.dropIndex(`inspections_${column}_uq`).execute();
  await db.schema.dropTable('inspection_document_counters').execute();
}
