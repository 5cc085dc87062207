import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { ListTasksParams, ListTasksQuery } from './tasklists.schemas.ts';
import { getTaskTable } from './tasklists.service.ts';

export async function tasklistsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/tasklists/:year/tasks', async (request) => {
    const { year } = ListTasksParams.parse(request.params);
    const { asOf } = ListTasksQuery.parse(request.query);
    return getTaskTable(ctx.db, ctx.scope.orgUnitId, year, asOf);
  });
}
