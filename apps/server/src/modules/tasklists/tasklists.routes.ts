import {
  ImportCommitResponse,
  ImportPreviewResponse,
  ListTasksParams,
  ListTasksQuery,
  ListTasksResponse,
  TaskListIndexResponse,
} from '@duban/shared/contracts/tasklists';
import { defaultAsOf } from '@duban/shared/default-as-of';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { ReadModelCache } from '../read-models/read-model-cache.ts';
import { currentVersion } from '../read-models/read-models.service.ts';
import { sendReadModel } from '../read-models/send-read-model.ts';
import { commitImportUpload } from './commit-import-upload.ts';
import { readImportUpload } from './import-upload.ts';
import { previewImportUpload } from './preview-import-upload.ts';
import { importScope, taskTableScope } from './tasklists.policy.ts';
import { getTaskTable, listTaskLists } from './tasklists.service.ts';

export async function tasklistsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  /** Task tables per (unit, year, as-of date, department scope) at the unit's read-model version. */
  const taskTables = new ReadModelCache();
  const reader = routePolicy(taskTableScope);
  const importer = routePolicy(importScope);
  app.get(
    '/api/tasklists',
    {
      preValidation: reader.preValidation,
      schema: { tags: ['tasklists'], summary: '已导入的任务清单（按年份）', response: { 200: TaskListIndexResponse } },
    },
    async (request) => ({ taskLists: await listTaskLists(ctx.db, reader.scope(request).orgUnitId) }),
  );

  app.get(
    '/api/tasklists/:year/tasks',
    {
      preValidation: reader.preValidation,
      schema: {
        tags: ['tasklists'],
        summary: '任务清单（按类别分组，含责任部门和下一个到期的任务事项）',
        params: ListTasksParams,
        querystring: ListTasksQuery,
        response: { 200: ListTasksResponse },
      },
    },
    async (request, reply) => {
      const { orgUnitId, departmentId } = reader.scope(request);
      const { year } = request.params;
      // A list whose year is over is shown as it ended (31 December), not as of today (issue 13).
      const asOf = request.query.asOf ?? defaultAsOf(year);
      const version = await currentVersion(ctx.db, orgUnitId);
      const body = await taskTables.get(`${orgUnitId}/${year}/${asOf}/${departmentId ?? 'all'}`, version, async () =>
        ListTasksResponse.parse(await getTaskTable(ctx.db, orgUnitId, year, asOf, departmentId)),
      );
      return sendReadModel(request, reply, body);
    },
  );

  app.post(
    '/api/tasklists/import/preview',
    {
      preValidation: importer.preValidation,
      schema: {
        tags: ['tasklists'],
        summary: '导入向导：上传并预览（不写入）。multipart: file, year?, departmentMap?, deadlineOverrides?',
        consumes: ['multipart/form-data'],
        response: { 200: ImportPreviewResponse },
      },
    },
    async (request) => previewImportUpload(ctx.db, importer.scope(request), await readImportUpload(request)),
  );

  app.post(
    '/api/tasklists/import/commit',
    {
      preValidation: importer.preValidation,
      schema: {
        tags: ['tasklists'],
        summary:
          '导入向导：确认导入（一个事务，全部或全不）。multipart: file, year?, departmentMap?, deadlineOverrides?',
        consumes: ['multipart/form-data'],
        response: { 200: ImportCommitResponse },
      },
    },
    async (request) => commitImportUpload(ctx.db, importer.scope(request), await readImportUpload(request)),
  );
}
