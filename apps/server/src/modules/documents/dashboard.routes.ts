import { DashboardQuery, DashboardResponse } from '@duban/shared/contracts/dashboard';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requireRole } from '../../core/principal.ts';
import { DASHBOARD_ROLES } from './dashboard.policy.ts';
import { getDashboard } from './dashboard.service.ts';

/** Dashboard read model: status counts and rates by category, department and month, and the overdue list. */
export async function dashboardRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: '督办看板：按行动类别、部门、月份统计任务状态，逾期清单',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (request) => {
      const principal = requireRole(request.principal, DASHBOARD_ROLES);
      return getDashboard(ctx.db, principal.orgUnitId, request.query.year, request.query.asOf);
    },
  );
}
