import { ReminderPolicyResponse, UpdateReminderPolicyRequest } from '@duban/shared/contracts/reminders';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { requireCampaignId } from '../../core/unit-scope.ts';
import { reminderPolicyReadScope, reminderPolicyWriteScope } from './reminders.policy.ts';
import { getReminderPolicy, setReminderPolicy } from './reminders.service.ts';

/** Without campaignId: the campaign of the unit the request acts on. */
const CampaignQuery = z.object({ campaignId: z.coerce.number().int().positive().optional() });

/** The campaign's reminder and escalation policy (提醒、催办、督办单、约谈 timing and who is told). */
export async function remindersRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const read = routePolicy(reminderPolicyReadScope);
  const write = routePolicy(reminderPolicyWriteScope);
  const tags = ['reminders'];

  app.get(
    '/api/reminder-policy',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '提醒与督办升级策略（未设置时为默认值）',
        querystring: CampaignQuery,
        response: { 200: ReminderPolicyResponse },
      },
    },
    async (request) =>
      getReminderPolicy(
        ctx.db,
        read.scope(request),
        request.query.campaignId ?? requireCampaignId(requirePrincipal(request.principal)),
      ),
  );

  app.put(
    '/api/reminder-policy',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '设置提醒与督办升级策略',
        querystring: CampaignQuery,
        body: UpdateReminderPolicyRequest,
        response: { 200: ReminderPolicyResponse },
      },
    },
    async (request) =>
      setReminderPolicy(
        ctx.db,
        write.scope(request),
        request.query.campaignId ?? requireCampaignId(requirePrincipal(request.principal)),
        request.body,
      ),
  );
}
