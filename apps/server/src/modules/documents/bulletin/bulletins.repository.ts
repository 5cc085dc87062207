import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { BulletinTable } from '../../../db/schema.ts';

/** All SQL of the bulletins table. */
export type BulletinRow = Selectable<BulletinTable>;

const COLUMNS = [
  'id',
  'org_unit_id',
  'task_list_id',
  'year',
  'period_key',
  'as_of',
  'title',
  'sections',
  'figures',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'published_by',
  'published_at',
  'version',
] as const;

export async function insertBulletin(
  db: Db,
  row: Omit<BulletinRow, 'id' | 'version' | 'published_by' | 'published_at'>,
): Promise<number> {
  const r = await db
    .insertInto('bulletins')
    .values({ ...row, published_by: null, published_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findBulletin(db: Db, orgUnitId: number, id: number): Promise<BulletinRow | undefined> {
  return db
    .selectFrom('bulletins')
    .select(COLUMNS)
    .where('org_unit_id', '=', orgUnitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listBulletinRows(
  db: Db,
  filter: { orgUnitId: number; year?: number; publishedOnly: boolean },
): Promise<Omit<BulletinRow, 'sections' | 'figures'>[]> {
  let q = db
    .selectFrom('bulletins')
    .select(COLUMNS.filter((c) => c !== 'sections' && c !== 'figures'))
    .where('org_unit_id', '=', filter.orgUnitId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('id', 'desc').execute();
}

export type BulletinChange = Partial<
  Pick<BulletinRow, 'title' | 'sections' | 'status' | 'published_by' | 'published_at'>
> & {
  updated_at: string;
};

/** Changes a draft still at `expectedVersion`; returns the new version, or undefined when it moved on or is published. */
export async function updateBulletin(
  db: Db,
  id: number,
  expectedVersion: number,
  change: BulletinChange,
): Promise<number | undefined> {
  const r = await db
    .updateTable('bulletins')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .returning('version')
    .executeTakeFirst();
  return r?.version;
}

/** Tasks of a list (a read across domains, as the reports module may). */
export async function countListTasks(db: Db, taskListId: number): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_list_id', '=', taskListId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
