import { DashboardQuery, DashboardResponse } from '@duban/shared/contracts/dashboard';
import { defaultAsOf } from '@duban/shared/default-as-of';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { ReadModelCache } from '../read-models/read-model-cache.ts';
import { currentVersion } from '../read-models/read-models.service.ts';
import { sendReadModel } from '../read-models/send-read-model.ts';
import { dashboardScope } from './dashboard.policy.ts';
import { getDashboard } from './dashboard.service.ts';

/** Dashboard read model: status counts and rates by category, department and month, and the overdue list. */
export async function dashboardRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** Dashboards per (unit, year, as-of date) at the unit's read-model version. */
  const dashboards = new ReadModelCache();

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
    async (request, reply) => {
      const scope = dashboardScope(requirePrincipal(request.principal));
      const { year } = request.query;
      // A list whose year is over is shown as it ended (31 December), not as of today (issue 13).
      const asOf = request.query.asOf ?? defaultAsOf(year);
      const version = await currentVersion(ctx.db, scope.orgUnitId);
      // getDashboard builds the response in the schema's shape (see there): cached as it is, not parsed again.
      const body = await dashboards.get(`${scope.orgUnitId}/${year}/${asOf}`, version, () =>
        getDashboard(ctx.db, scope.orgUnitId, year, asOf),
      );
      return sendReadModel(request, reply, body);
    },
  );
}
