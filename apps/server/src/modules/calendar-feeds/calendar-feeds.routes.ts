import {
  CreateFeedRequest,
  CreateFeedResponse,
  FeedResponse,
  IdParams,
  ListFeedsResponse,
  TokenParams,
} from '@duban/shared/contracts/calendar-feeds';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { feedScope } from './calendar-feeds.policy.ts';
import { createFeed, listMyFeeds, renderFeed, revokeMyFeed } from './calendar-feeds.service.ts';

/** iCalendar subscriptions (per department, per account) behind secret, revocable URL tokens. */
export async function calendarFeedsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const feeds = routePolicy(feedScope);

  app.get(
    '/api/calendar-feeds',
    {
      preValidation: feeds.preValidation,
      schema: { tags, summary: '我的日历订阅', response: { 200: ListFeedsResponse } },
    },
    async (request) => ({ feeds: await listMyFeeds(ctx.db, feeds.scope(request)) }),
  );

  app.post(
    '/api/calendar-feeds',
    {
      preValidation: feeds.preValidation,
      schema: {
        tags,
        summary: '创建日历订阅（链接只显示一次）',
        body: CreateFeedRequest,
        response: { 201: CreateFeedResponse },
      },
    },
    async (request, reply) => {
      const feed = await createFeed(ctx.db, feeds.scope(request), request.body);
      reply.status(201);
      return feed;
    },
  );

  app.delete(
    '/api/calendar-feeds/:id',
    {
      preValidation: feeds.preValidation,
      schema: { tags, summary: '撤销日历订阅（链接立即失效）', params: IdParams, response: { 200: FeedResponse } },
    },
    async (request) => revokeMyFeed(ctx.db, feeds.scope(request), request.params.id),
  );

  // No session: the secret token in the URL is the credential (calendar apps cannot sign in).
  app.get(
    '/api/calendar/:token.ics',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: 'iCalendar 订阅源（.ics，无需登录）', params: TokenParams },
    },
    async (request, reply) => {
      const ics = await renderFeed(ctx.db, request.params.token);
      reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="duban.ics"');
      return ics;
    },
  );
}
