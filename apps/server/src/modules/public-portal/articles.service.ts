import type { ArticleView } from '@duban/shared/contracts/public-portal';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import {
  type ArticleRow,
  findArticle,
  findPublishedArticle,
  insertArticle,
  listArticles,
  setArticleSlug,
  updateArticle,
} from './articles.repository.ts';
import { type ArticleScope, articleNotFound } from './public-portal.policy.ts';
import { sanitizeArticleHtml, slugFor } from './sanitize-article.ts';

/** Knowledge articles (安全知识): the office writes, the portal shows the published ones. HTML is sanitised on write. */
export function articleView(a: ArticleRow): ArticleView {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    bodyHtml: a.body_html,
    published: a.published === 1,
    publishedAt: a.published_at,
    updatedAt: a.updated_at,
    version: a.version,
  };
}

export async function createArticle(
  db: Db,
  scope: ArticleScope,
  input: { title: string; bodyHtml: string; published: boolean },
  now = new Date(),
): Promise<ArticleView> {
  return inTransaction(db, async (trx) => {
    const iso = now.toISOString();
    const id = await insertArticle(trx, {
      org_unit_id: scope.orgUnitId,
      slug: `draft-${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`,
      title: input.title,
      body_html: sanitizeArticleHtml(input.bodyHtml),
      published: input.published ? 1 : 0,
      published_at: input.published ? iso : null,
      created_by: scope.actor,
      created_at: iso,
      updated_at: iso,
    });
    await setArticleSlug(trx, id, slugFor(input.title, id));
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'article.create',
      entity: 'knowledge_article',
      entityId: id,
      after: { title: input.title, published: input.published },
    });
    const row = await findArticle(trx, scope.orgUnitId, id);
    if (!row) throw articleNotFound();
    return articleView(row);
  });
}

export async function editArticle(
  db: Db,
  scope: ArticleScope,
  id: number,
  input: {
    version: number;
    title?: string | undefined;
    bodyHtml?: string | undefined;
    published?: boolean | undefined;
  },
  now = new Date(),
): Promise<ArticleView> {
  return inTransaction(db, async (trx) => {
    const a = await findArticle(trx, scope.orgUnitId, id);
    if (!a) throw articleNotFound();
    const iso = now.toISOString();
    const publish = input.published ?? a.published === 1;
    const ok =
      a.version === input.version &&
      (await updateArticle(trx, id, input.version, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.bodyHtml !== undefined ? { body_html: sanitizeArticleHtml(input.bodyHtml) } : {}),
        published: publish ? 1 : 0,
        published_at: publish ? (a.published_at ?? iso) : null,
        updated_at: iso,
      }));
    if (!ok) {
      throw new AppError('conflict', '文章已被他人修改，请刷新后重试 (stale version)', { currentVersion: a.version });
    }
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'article.edit',
      entity: 'knowledge_article',
      entityId: id,
      before: { title: a.title, published: a.published === 1, version: a.version },
      after: { title: input.title ?? a.title, published: publish, version: a.version + 1 },
    });
    const row = await findArticle(trx, scope.orgUnitId, id);
    if (!row) throw articleNotFound();
    return articleView(row);
  });
}

export async function listAllArticles(db: Db, scope: ArticleScope): Promise<ArticleView[]> {
  return (await listArticles(db, scope.orgUnitId, false)).map(articleView);
}

export async function listPublishedArticles(db: Db, orgUnitId: number) {
  return (await listArticles(db, orgUnitId, true)).map((a) => ({
    slug: a.slug,
    title: a.title,
    publishedAt: a.published_at,
  }));
}

/** A published article, sanitised once more on the way out (defence in depth against rows written elsewhere). */
export async function readPublishedArticle(db: Db, orgUnitId: number, slug: string) {
  const a = await findPublishedArticle(db, orgUnitId, slug);
  if (!a) throw articleNotFound();
  return { slug: a.slug, title: a.title, publishedAt: a.published_at, bodyHtml: sanitizeArticleHtml(a.body_html) };
}
