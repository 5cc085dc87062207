import { ExportTaskListQuery, ReturnedSheetResponse } from '@duban/shared/contracts/exports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app-context.ts';
import { requirePrincipal } from '../../../core/principal.ts';
import { readReturnedSheetInWorker, withUserJobSlot } from '../../office-files/office-jobs.ts';
import { attachmentDisposition } from '../../progress/evidence-file-name.ts';
import { resolveReportPeriod } from '../report-period.ts';
import { exportScope, returnScope } from './exports.policy.ts';
import { applyReturnedSheet } from './returned-sheet.service.ts';
import { readReturnedUpload } from './returned-upload.ts';
import { exportTaskList } from './tasklist-export.service.ts';

const tags = ['reports'];

/** The official table of a period as .xlsx/.docx/PDF, and returned (filled-in) sheets. Thin: validate → authorize → service. */
export async function exportsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/exports/tasklist',
    {
      schema: {
        tags,
        summary:
          '导出任务清单落实情况（官方表格式样）：xlsx | docx | pdf；period=2024-03|2024-Q1|2024-H1|2024 或 asOf=日期',
        querystring: ExportTaskListQuery,
        produces: [
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/pdf',
        ],
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const { departmentId } = exportScope(principal);
      const period = resolveReportPeriod(request.query);
      const file = await withUserJobSlot(principal.actor, () =>
        exportTaskList(ctx.db, {
          orgUnitId: principal.orgUnitId,
          period,
          departmentId,
          format: request.query.format,
          marks: request.query.marks,
          actor: principal.actor,
        }),
      );
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.post(
    '/api/exports/tasklist/returned',
    {
      schema: {
        tags,
        summary: '上传填好“工作进展”的导出表格：每个新填的单元格成为一条已提交的工作进展。multipart: file, dryRun?',
        consumes: ['multipart/form-data'],
        response: { 200: ReturnedSheetResponse },
      },
    },
    async (request) => {
      const scope = returnScope(requirePrincipal(request.principal));
      const upload = await readReturnedUpload(request);
      // Zip directory and marker checked first, then read in the bounded worker pool (office-files).
      const sheet = await withUserJobSlot(requirePrincipal(request.principal).actor, () =>
        readReturnedSheetInWorker(upload.bytes),
      );
      return applyReturnedSheet(ctx.db, scope, { sheet, dryRun: upload.dryRun });
    },
  );
}
