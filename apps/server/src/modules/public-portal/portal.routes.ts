import {
  ArticleIdParams,
  ArticleView,
  CreateArticleRequest,
  EnterpriseNamesQuery,
  EnterpriseNamesResponse,
  ListArticlesResponse,
  PublicArticleResponse,
  PublicArticlesResponse,
  PublicHazardsResponse,
  SlugParams,
  UpdateArticleRequest,
} from '@duban/shared/contracts/public-portal';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../core/app-error.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { publicUnitCode, resolvePublicUnit } from '../orgunits/orgunits.service.ts';
import { claimReward } from '../whistleblowing/claim-reward.ts';
import { lookupWhistleReport } from '../whistleblowing/lookup-whistle-report.ts';
import { intakePublicReport, type PublicDeps } from '../whistleblowing/public-intake.ts';
import {
  createArticle,
  editArticle,
  listAllArticles,
  listPublishedArticles,
  readPublishedArticle,
} from './articles.service.ts';
import {
  enterpriseNameSuggestions,
  listDrawEntries,
  listPenaltyEntries,
  listPublicHazards,
  listSupervisionEntries,
} from './disclosure-sources.ts';
import { PortalCache } from './portal-cache.ts';
import {
  articlePage,
  homePage,
  lookupPage,
  PORTAL_CSP,
  PORTAL_CSS,
  page,
  receiptPage,
  reportFormPage,
} from './portal-html.ts';
import { articleWriteScope } from './public-portal.policy.ts';
import { withUnitLinks } from './unit-links.ts';

const tags = ['public'];

/** A portal page; its links and forms keep the unit the reader chose (served() has checked it exists). */
function html(reply: FastifyReply, body: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(withUnitLinks(body, publicUnitCode(reply.request.url)));
}

/** The text fields of a small multipart form (lookup, claim); files are not accepted here. */
async function formFields(request: FastifyRequest): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!request.isMultipart()) return out;
  for await (const part of request.parts({ limits: { files: 0, fields: 10, fieldSize: 2000 } })) {
    if (part.type === 'field' && typeof part.value === 'string') out[part.fieldname] = part.value;
  }
  return out;
}

const message = (error: unknown) => {
  if (error instanceof AppError) return error.message;
  throw error;
};

/**
 * The public portal (/public, server-rendered, no session, no script) and its JSON twins under /api/public, plus
 * the office's knowledge-article editor API. Report and lookup forms use the whistleblowing module's use cases.
 */
export async function publicPortalRoutes(fastify: FastifyInstance, ctx: AppContext, deps: PublicDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  // The default zone, or the unit of `?unit=<code>` (org units are tenants); one page cache per unit served.
  const caches = new Map<number, PortalCache>();
  const served = async (request: FastifyRequest) => {
    const { orgUnitId, orgUnitName } = await resolvePublicUnit(db, ctx.scope, publicUnitCode(request.url));
    const cache = caches.get(orgUnitId) ?? new PortalCache(db, orgUnitId);
    caches.set(orgUnitId, cache);
    return { unit: orgUnitName, orgUnitId, cache };
  };

  app.get('/public/portal.css', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PORTAL_CSS),
  );

  app.get(
    '/public',
    { schema: { hide: true, querystring: z.object({ q: z.string().max(50).optional() }) } },
    async (request, reply) => {
      const { unit, orgUnitId, cache } = await served(request);
      const q = request.query.q?.trim() ?? '';
      const render = async () => {
        const [supervision, hazards, articles, penalties, draws] = await Promise.all([
          listSupervisionEntries(db, orgUnitId),
          listPublicHazards(db, orgUnitId),
          listPublishedArticles(db, orgUnitId),
          listPenaltyEntries(db, orgUnitId),
          listDrawEntries(db, orgUnitId),
        ]);
        return homePage(unit, { q, supervision, hazards: hazards.hazards, articles, penalties, draws });
      };
      return html(reply, q ? await render() : await cache.get('home', render));
    },
  );

  app.get('/public/articles/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { unit, orgUnitId } = await served(request);
    try {
      return html(reply, articlePage(unit, await readPublishedArticle(db, orgUnitId, request.params.slug)));
    } catch (error) {
      return html(reply, page('未找到', unit, `<section><p>${message(error)}</p></section>`), 404);
    }
  });

  // The form's 被举报单位 search works without script: a GET form above it reloads the page with the registry's
  // matching names in a <datalist> on the field (free text stays allowed); counted per address like the API.
  app.get(
    '/public/report',
    { schema: { hide: true, querystring: z.object({ enterpriseQ: z.string().max(50).optional() }) } },
    async (request, reply) => {
      const { unit, orgUnitId } = await served(request);
      const q = request.query.enterpriseQ?.trim() ?? '';
      if (q.length < 2) return html(reply, reportFormPage(unit, deps.guard.issueChallenge()));
      let names: string[] = [];
      let error: string | null = null;
      try {
        await deps.guard.countSearch(request.ip);
        names = await enterpriseNameSuggestions(db, orgUnitId, q);
      } catch (e) {
        error = message(e);
      }
      const values = { enterpriseName: names.length === 1 ? (names[0] ?? q) : q };
      const body = reportFormPage(unit, deps.guard.issueChallenge(), values, error, { q, names });
      return html(reply, body, error ? 429 : 200);
    },
  );

  app.post('/public/report', { schema: { hide: true } }, async (request, reply) => {
    const { unit, orgUnitId } = await served(request);
    const raw: Record<string, string> = {};
    try {
      return html(reply, receiptPage(unit, await intakePublicReport({ ...deps, orgUnitId }, request, raw)), 201);
    } catch (error) {
      const { challengeToken: _t, challengeAnswer: _a, password: _p, website: _w, ...values } = raw;
      return html(reply, reportFormPage(unit, deps.guard.issueChallenge(), values, message(error)), 400);
    }
  });

  app.get('/public/lookup', { schema: { hide: true } }, async (request, reply) =>
    html(reply, lookupPage((await served(request)).unit, null, null)),
  );

  app.post('/public/lookup', { schema: { hide: true } }, async (request, reply) => {
    const { unit } = await served(request);
    const f = await formFields(request);
    try {
      const result = await lookupWhistleReport(db, deps.guard, request.ip, f.receiptCode ?? '', f.password ?? '');
      return html(reply, lookupPage(unit, result, null, f.receiptCode ?? ''));
    } catch (error) {
      return html(reply, lookupPage(unit, null, message(error), f.receiptCode ?? ''), 404);
    }
  });

  app.post('/public/claim', { schema: { hide: true } }, async (request, reply) => {
    const { unit } = await served(request);
    const f = await formFields(request);
    try {
      const result = await claimReward(db, deps.key, deps.guard, request.ip, {
        receiptCode: f.receiptCode ?? '',
        password: f.password ?? '',
        payee: (f.payee ?? '').trim().slice(0, 500),
      });
      return html(reply, lookupPage(unit, result, null, f.receiptCode ?? '', '已提交领奖申请，受理人将与您联系发放。'));
    } catch (error) {
      return html(reply, lookupPage(unit, null, message(error), f.receiptCode ?? ''), 400);
    }
  });

  // ── JSON ──────────────────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/public/hazards',
    { schema: { tags, summary: '重大事故隐患挂牌督办与销号公开信息', response: { 200: PublicHazardsResponse } } },
    async (request) => {
      const { orgUnitId, cache } = await served(request);
      return cache.get('hazards', () => listPublicHazards(db, orgUnitId));
    },
  );

  app.get(
    '/api/public/enterprise-names',
    {
      schema: {
        tags,
        summary: '举报表单的企业名称查找（仅名称，最多 10 个，按地址限频）',
        querystring: EnterpriseNamesQuery,
        response: { 200: EnterpriseNamesResponse },
      },
    },
    async (request, reply) => {
      const { orgUnitId } = await served(request);
      await deps.guard.countSearch(request.ip);
      reply.header('cache-control', 'no-store');
      return { names: await enterpriseNameSuggestions(db, orgUnitId, request.query.q) };
    },
  );

  app.get(
    '/api/public/articles',
    { schema: { tags, summary: '安全知识文章（已发布）', response: { 200: PublicArticlesResponse } } },
    async (request) => {
      const { orgUnitId, cache } = await served(request);
      return cache.get('articles', async () => ({ articles: await listPublishedArticles(db, orgUnitId) }));
    },
  );

  app.get(
    '/api/public/articles/:slug',
    { schema: { tags, summary: '安全知识文章', params: SlugParams, response: { 200: PublicArticleResponse } } },
    async (request) => readPublishedArticle(db, (await served(request)).orgUnitId, request.params.slug),
  );

  app.get(
    '/api/articles',
    { schema: { tags, summary: '安全知识文章（安委办编辑）', response: { 200: ListArticlesResponse } } },
    async (request) => ({
      articles: await listAllArticles(db, articleWriteScope(requirePrincipal(request.principal))),
    }),
  );

  app.post(
    '/api/articles',
    { schema: { tags, summary: '新建安全知识文章', body: CreateArticleRequest, response: { 201: ArticleView } } },
    async (request, reply) => {
      const a = await createArticle(db, articleWriteScope(requirePrincipal(request.principal)), request.body);
      reply.status(201);
      return a;
    },
  );

  app.patch(
    '/api/articles/:id',
    {
      schema: {
        tags,
        summary: '修改或发布安全知识文章',
        params: ArticleIdParams,
        body: UpdateArticleRequest,
        response: { 200: ArticleView },
      },
    },
    async (request) =>
      editArticle(db, articleWriteScope(requirePrincipal(request.principal)), request.params.id, request.body),
  );
}
