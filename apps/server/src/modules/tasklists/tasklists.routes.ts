import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../http/principal.ts';
import { taskTableScope } from './tasklists.policy.ts';
import { ListTasksParams, ListTasksQuery, ListTasksResponse } from './tasklists.schemas.ts';
import { getTaskTable } from './tasklists.service.ts';

export async function tasklistsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/tasklists/:year/tasks',
    {
      schema: {
        tags: ['tasklists'],
        summary: '任务清单（按类别分组，含责任部门和下一个到期节点）',
        params: ListTasksParams,
        querystring: ListTasksQuery,
        response: { 200: ListTasksResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { departmentId } = taskTableScope(principal);
      return getTaskTable(ctx.db, principal.orgUnitId, request.params.year, request.query.asOf, departmentId);
    },
  );
}
