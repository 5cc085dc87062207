import {
  AcceptReportRequest,
  AddEvidenceResponse,
  CreateReportRequest,
  IdParams,
  InboxQuery,
  InboxResponse,
  ListReportsQuery,
  ListReportsResponse,
  OccurrenceDetailResponse,
  RemoveEvidenceQuery,
  RemoveEvidenceResponse,
  ReportResponse,
  ReturnReportRequest,
  SubmitReportRequest,
  UpdateReportRequest,
} from '@duban/shared/contracts/progress';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServedContext } from '../../app-context.ts';
import { AppError } from '../../core/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../../core/limits.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { addEvidence, type UploadPart } from './add-evidence.ts';
import { createReport } from './create-report.ts';
import { editReport } from './edit-report.ts';
import { attachmentDisposition, sanitizeFileName } from './evidence-file-name.ts';
import { readScope, reviewScope, writeScope } from './progress.policy.ts';
import { getInbox, getOccurrenceDetail, getReport, getReportList, openEvidence } from './read-progress.ts';
import { removeEvidence } from './remove-evidence.ts';
import { reviewReport } from './review-report.ts';
import { submitReport } from './submit-report.ts';

const tags = ['progress'];

/** Progress reports (工作进展) with evidence, and the office's review. Thin: validate → authorize → service. */
export async function progressRoutes(fastify: FastifyInstance, ctx: ServedContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { storage } = ctx;

  app.get(
    '/api/inbox',
    {
      schema: {
        tags,
        summary: '待办事项（本部门的任务事项）',
        querystring: InboxQuery,
        response: { 200: InboxResponse },
      },
    },
    async (request) => getInbox(ctx.db, readScope(requirePrincipal(request.principal)), request.query),
  );

  app.get(
    '/api/occurrences/:id',
    {
      schema: {
        tags,
        summary: '任务事项详情（含工作进展与证明材料）',
        params: IdParams,
        response: { 200: OccurrenceDetailResponse },
      },
    },
    async (request) => getOccurrenceDetail(ctx.db, readScope(requirePrincipal(request.principal)), request.params.id),
  );

  app.get(
    '/api/reports',
    {
      schema: { tags, summary: '工作进展列表', querystring: ListReportsQuery, response: { 200: ListReportsResponse } },
    },
    async (request) => getReportList(ctx.db, readScope(requirePrincipal(request.principal)), request.query),
  );

  app.get(
    '/api/reports/:id',
    { schema: { tags, summary: '工作进展详情', params: IdParams, response: { 200: ReportResponse } } },
    async (request) => getReport(ctx.db, readScope(requirePrincipal(request.principal)), request.params.id),
  );

  app.post(
    '/api/reports',
    {
      schema: { tags, summary: '新建工作进展（草稿）', body: CreateReportRequest, response: { 201: ReportResponse } },
    },
    async (request, reply) => {
      const report = await createReport(ctx.db, writeScope(requirePrincipal(request.principal)), request.body);
      reply.status(201);
      return report;
    },
  );

  app.patch(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: '修改草稿或被退回的工作进展',
        params: IdParams,
        body: UpdateReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (request) =>
      editReport(ctx.db, writeScope(requirePrincipal(request.principal)), request.params.id, request.body),
  );

  app.post(
    '/api/reports/:id/submit',
    {
      schema: {
        tags,
        summary: '提交（或重新提交）工作进展',
        params: IdParams,
        body: SubmitReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (request) =>
      submitReport(ctx.db, writeScope(requirePrincipal(request.principal)), request.params.id, request.body.version),
  );

  app.post(
    '/api/reports/:id/accept',
    {
      schema: {
        tags,
        summary: '审核通过',
        params: IdParams,
        body: AcceptReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (request) =>
      reviewReport(ctx.db, reviewScope(requirePrincipal(request.principal)), request.params.id, request.body.version, {
        kind: 'accept',
      }),
  );

  app.post(
    '/api/reports/:id/return',
    {
      schema: {
        tags,
        summary: '退回（须写明原因）',
        params: IdParams,
        body: ReturnReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (request) =>
      reviewReport(ctx.db, reviewScope(requirePrincipal(request.principal)), request.params.id, request.body.version, {
        kind: 'return',
        reason: request.body.reason,
      }),
  );

  app.post(
    '/api/reports/:id/evidence',
    {
      schema: {
        tags,
        summary: '上传证明材料（multipart/form-data，可多个文件）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: AddEvidenceResponse },
      },
    },
    async (request, reply) => {
      const scope = writeScope(requirePrincipal(request.principal));
      const result = await addEvidence(ctx.db, storage, scope, request.params.id, uploadParts(request));
      reply.status(201);
      return result;
    },
  );

  app.delete(
    '/api/evidence/:id',
    {
      schema: {
        tags,
        summary: '删除证明材料（草稿或已退回的工作进展，提交前）',
        params: IdParams,
        querystring: RemoveEvidenceQuery,
        response: { 200: RemoveEvidenceResponse },
      },
    },
    async (request) =>
      removeEvidence(ctx.db, writeScope(requirePrincipal(request.principal)), request.params.id, request.query.version),
  );

  app.get(
    '/api/evidence/:id',
    { schema: { tags, summary: '下载证明材料', params: IdParams } },
    async (request, reply) => {
      const { record, body } = await openEvidence(
        ctx.db,
        storage,
        readScope(requirePrincipal(request.principal)),
        request.params.id,
      );
      return reply
        .header('Content-Type', record.mime)
        .header('Content-Length', String(record.size))
        .header('Content-Disposition', attachmentDisposition(record.file_name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-store')
        .send(body);
    },
  );
}

/** The multipart files of the request as upload parts, with the plugin's limit errors in our error shape. */
async function* uploadParts(request: FastifyRequest): AsyncIterable<UploadPart> {
  if (!request.isMultipart()) {
    throw new AppError('bad_request', '请以 multipart/form-data 上传文件 (expected multipart/form-data)');
  }
  try {
    for await (const part of request.files()) {
      yield {
        fileName: part.filename,
        read: async () => {
          try {
            return await part.toBuffer();
          } catch (error) {
            throw limitError(error, sanitizeFileName(part.filename, 'bin'));
          }
        },
        // Evidence is streamed to a staging file while hashing (add-evidence.ts); the size limit still applies.
        stream: () => part.file,
        mapError: (error) => limitError(error, sanitizeFileName(part.filename, 'bin')),
      };
    }
  } catch (error) {
    throw limitError(error, null);
  }
}

function limitError(error: unknown, fileName: string | null): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : null;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    // app.ts imports this module: read its constant only at call time, never at module top level.
    const limitMb = Math.round(MAX_UPLOAD_BYTES / 1024 / 1024);
    return new AppError('payload_too_large', `文件${fileName ? `“${fileName}”` : ''}超过 ${limitMb} MB 上限`, {
      limitBytes: MAX_UPLOAD_BYTES,
    });
  }
  if (code === 'FST_FILES_LIMIT') {
    return new AppError('payload_too_large', '一次上传的文件过多 (too many files)');
  }
  return error;
}
