import { z } from 'zod';

/** The public disclosure portal (公开): no session, no internal ids, no personal phone numbers. */

export const PublicHazard = z.object({
  enterpriseName: z.string(),
  title: z.string(),
  level: z.string(),
  listedBy: z.string().nullable(),
  listedOn: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(['listed', 'closed']),
  closedOn: z.string().nullable(),
});
export type PublicHazard = z.infer<typeof PublicHazard>;
export const PublicHazardsResponse = z.object({ hazards: z.array(PublicHazard), available: z.boolean() });

/** GET /api/public/enterprise-names?q=: registry names containing q (names only, at most 10); rate-limited. */
export const EnterpriseNamesQuery = z.object({ q: z.string().trim().min(2).max(50) });
export const EnterpriseNamesResponse = z.object({ names: z.array(z.string()) });
export const ENTERPRISE_NAME_SUGGESTIONS = 10;
export type PublicHazardsResponse = z.infer<typeof PublicHazardsResponse>;

export const ArticleSummary = z.object({
  slug: z.string(),
  title: z.string(),
  publishedAt: z.string().nullable(),
});
export const PublicArticlesResponse = z.object({ articles: z.array(ArticleSummary) });
export const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
export const PublicArticleResponse = ArticleSummary.extend({ bodyHtml: z.string() });

export const ArticleView = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  bodyHtml: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ArticleView = z.infer<typeof ArticleView>;
export const ListArticlesResponse = z.object({ articles: z.array(ArticleView) });
export const CreateArticleRequest = z.object({
  title: z.string().trim().min(1).max(200),
  bodyHtml: z.string().max(200000),
  published: z.boolean().default(false),
});
export const UpdateArticleRequest = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(200).optional(),
  bodyHtml: z.string().max(200000).optional(),
  published: z.boolean().optional(),
});
export const ArticleIdParams = z.object({ id: z.coerce.number().int().positive() });
