import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { KnowledgeArticleTable } from '../../db/schema.ts';

/** All SQL of knowledge_articles. */
export type ArticleRow = Selectable<KnowledgeArticleTable>;

export async function insertArticle(trx: Db, row: Insertable<KnowledgeArticleTable>): Promise<number> {
  const r = await trx.insertInto('knowledge_articles').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findArticle(db: Db, orgUnitId: number, id: number): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('knowledge_articles')
    .selectAll()
    .where('id', '=', id)
    .where('org_unit_id', '=', orgUnitId)
    .executeTakeFirst();
}

export async function findPublishedArticle(db: Db, orgUnitId: number, slug: string): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('knowledge_articles')
    .selectAll()
    .where('slug', '=', slug)
    .where('org_unit_id', '=', orgUnitId)
    .where('published', '=', 1)
    .executeTakeFirst();
}

export async function listArticles(db: Db, orgUnitId: number, publishedOnly: boolean): Promise<ArticleRow[]> {
  let q = db.selectFrom('knowledge_articles').selectAll().where('org_unit_id', '=', orgUnitId);
  if (publishedOnly) q = q.where('published', '=', 1);
  return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export async function updateArticle(
  trx: Db,
  id: number,
  version: number,
  changes: Updateable<KnowledgeArticleTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('knowledge_articles')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The URL name, set once right after the insert (it contains the id); not a versioned edit. */
export async function setArticleSlug(trx: Db, id: number, slug: string): Promise<void> {
  await trx.updateTable('knowledge_articles').set({ slug }).where('id', '=', id).execute();
}
