import {
  ChannelResponse,
  CreateChannelRequest,
  DeleteChannelQuery,
  IdParams,
  ListChannelsResponse,
  ListDeliveriesQuery,
  ListDeliveriesResponse,
  ListNotificationsQuery,
  ListNotificationsResponse,
  NotificationResponse,
  PreferencesBody,
  ReadAllResponse,
  TestChannelResponse,
  UpdateChannelRequest,
} from '@duban/shared/contracts/notifications';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { changeChannel, createChannel, deliveryLog, listAllChannels, removeChannel } from './channels.service.ts';
import { centreScope, channelManagerScope } from './notifications.policy.ts';
import { getPreferences, listMyNotifications, markAllRead, markRead, setPreferences } from './notifications.service.ts';
import { sendTestMessage } from './test-channel.ts';

/** The notification centre, delivery preferences, channels (office) and the delivery log (office). */
export async function notificationsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  // Checked before validation: the anonymous get 401 and other roles 403 whatever they send.
  const centre = routePolicy(centreScope);
  const channels = routePolicy(channelManagerScope);

  app.get(
    '/api/notifications',
    {
      preValidation: centre.preValidation,
      schema: {
        tags,
        summary: '我的通知（含未读数）',
        querystring: ListNotificationsQuery,
        response: { 200: ListNotificationsResponse },
      },
    },
    async (request) => listMyNotifications(ctx.db, centre.scope(request), request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      preValidation: centre.preValidation,
      schema: { tags, summary: '标记通知为已读', params: IdParams, response: { 200: NotificationResponse } },
    },
    async (request) => markRead(ctx.db, centre.scope(request), request.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    {
      preValidation: centre.preValidation,
      schema: { tags, summary: '全部标记为已读', response: { 200: ReadAllResponse } },
    },
    async (request) => markAllRead(ctx.db, centre.scope(request)),
  );

  app.get(
    '/api/notifications/preferences',
    {
      preValidation: centre.preValidation,
      schema: { tags, summary: '我的通知偏好（邮箱、汇总、免打扰）', response: { 200: PreferencesBody } },
    },
    async (request) => getPreferences(ctx.db, centre.scope(request)),
  );

  app.put(
    '/api/notifications/preferences',
    {
      preValidation: centre.preValidation,
      schema: { tags, summary: '设置通知偏好', body: PreferencesBody, response: { 200: PreferencesBody } },
    },
    async (request) => setPreferences(ctx.db, centre.scope(request), request.body),
  );

  app.get(
    '/api/notification-channels',
    {
      preValidation: channels.preValidation,
      schema: { tags, summary: '通知渠道（密钥不返回）', response: { 200: ListChannelsResponse } },
    },
    async (request) => ({ channels: await listAllChannels(ctx.db, channels.scope(request)) }),
  );

  app.post(
    '/api/notification-channels',
    {
      preValidation: channels.preValidation,
      schema: {
        tags,
        summary: '新增通知渠道（邮件、钉钉、企业微信、飞书、通用 Webhook）',
        body: CreateChannelRequest,
        response: { 201: ChannelResponse },
      },
    },
    async (request, reply) => {
      const channel = await createChannel(ctx.db, channels.scope(request), request.body);
      reply.status(201);
      return channel;
    },
  );

  app.patch(
    '/api/notification-channels/:id',
    {
      preValidation: channels.preValidation,
      schema: {
        tags,
        summary: '修改通知渠道',
        params: IdParams,
        body: UpdateChannelRequest,
        response: { 200: ChannelResponse },
      },
    },
    async (request) => changeChannel(ctx.db, channels.scope(request), request.params.id, request.body),
  );

  app.delete(
    '/api/notification-channels/:id',
    {
      preValidation: channels.preValidation,
      schema: {
        tags,
        summary: '删除通知渠道（待发送的消息随之取消）',
        params: IdParams,
        querystring: DeleteChannelQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeChannel(ctx.db, channels.scope(request), request.params.id, request.query.version);
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/api/notification-channels/:id/test',
    {
      preValidation: channels.preValidation,
      schema: {
        tags,
        summary: '发送测试消息（立即通过该渠道发送，返回发送结果）',
        params: IdParams,
        response: { 200: TestChannelResponse },
      },
    },
    async (request) =>
      sendTestMessage(ctx.db, channels.scope(request), request.params.id, ctx.senders ?? { mail: null }),
  );

  app.get(
    '/api/notification-deliveries',
    {
      preValidation: channels.preValidation,
      schema: {
        tags,
        summary: '投递记录（渠道、收件人、状态、重试次数、下次重试、错误）',
        querystring: ListDeliveriesQuery,
        response: { 200: ListDeliveriesResponse },
      },
    },
    async (request) => ({ deliveries: await deliveryLog(ctx.db, channels.scope(request), request.query) }),
  );
}
