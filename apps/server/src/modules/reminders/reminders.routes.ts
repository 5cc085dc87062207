import { ReminderPolicyResponse, UpdateReminderPolicyRequest } from '@duban/shared/contracts/reminders';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal, requireRole } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';
import { POLICY_READERS, POLICY_WRITERS } from './reminders.policy.ts';
import { getReminderPolicy, setReminderPolicy } from './reminders.service.ts';

const only = (roles: readonly UserRole[]) => ({
  preValidation: async (request: FastifyRequest) => {
    requireRole(request.principal, roles);
  },
});

/** Without campaignId: the campaign this deployment serves. */
const CampaignQuery = z.object({ campaignId: z.coerce.number().int().positive().optional() });

/** The campaign's reminder and escalation policy (提醒、催办、督办单、约谈 timing and who is told). */
export async function remindersRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['reminders'];

  app.get(
    '/api/reminder-policy',
    {
      ...only(POLICY_READERS),
      schema: {
        tags,
        summary: '提醒与督办升级策略（未设置时为默认值）',
        querystring: CampaignQuery,
        response: { 200: ReminderPolicyResponse },
      },
    },
    async (request) =>
      getReminderPolicy(ctx.db, requirePrincipal(request.principal), request.query.campaignId ?? ctx.scope.campaignId),
  );

  app.put(
    '/api/reminder-policy',
    {
      ...only(POLICY_WRITERS),
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
        requirePrincipal(request.principal),
        request.query.campaignId ?? ctx.scope.campaignId,
        request.body,
      ),
  );
}
