import {
  BatchDocumentQuery,
  BatchResponse,
  DecideExtensionRequest,
  ExtensionWithOccurrenceResponse,
  IdParams,
  IssueBatchesRequest,
  IssueBatchesResponse,
  ListActionsQuery,
  ListActionsResponse,
  ListBatchesResponse,
  ListExtensionsQuery,
  ListExtensionsResponse,
  RecordActionRequest,
  ReplyToNoticeRequest,
  RequestExtensionRequest,
  SupervisionActionResponse,
  SupervisionSettingsRequest,
  SupervisionSettingsResponse,
} from '@duban/shared/contracts/supervision';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { actingUnit } from '../../core/unit-scope.ts';
import { attachmentDisposition } from '../progress/evidence-file-name.ts';
import {
  batchDocument,
  getBatch,
  issueBatches,
  listMyBatches,
  saveSupervisionPatterns,
  supervisionPatterns,
} from './batches.ts';
import { decideExtension } from './decide-extension.ts';
import { recordSupervisionAction } from './record-action.ts';
import { replyToNotice } from './reply-to-notice.ts';
import { requestExtension } from './request-extension.ts';
import { departmentWriteScope, officeDecisionScope, officeScope, readScope } from './supervision.policy.ts';
import { getAction, getExtensionRequest, listActions, listExtensionRequests } from './supervision.service.ts';

/** 督办: the escalation ladder on late occurrences, notice replies, and extension (延期) requests. */
export async function supervisionRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  // Each route runs its policy once, before validation, and hands the scope to its use case.
  const office = routePolicy(officeScope);
  const deciding = routePolicy(officeDecisionScope);
  const readers = routePolicy(readScope);
  const departmentUser = routePolicy(departmentWriteScope);

  app.post(
    '/api/occurrences/:id/supervision',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '记录督办措施（提醒、催办通知、督办单、约谈、通报批评）',
        params: IdParams,
        body: RecordActionRequest,
        response: { 201: SupervisionActionResponse },
      },
    },
    async (request, reply) => {
      const action = await recordSupervisionAction(ctx.db, office.scope(request), request.params.id, request.body);
      reply.status(201);
      return action;
    },
  );

  // ── 督办/催办 in batches: one numbered notice per department (issue 13 item 5) ──
  app.post(
    '/api/supervision/batches',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '按部门批量督办/催办：每个部门一份带文号的通知，逐项跟踪回复',
        body: IssueBatchesRequest,
        response: { 201: IssueBatchesResponse },
      },
    },
    async (request, reply) => {
      const batches = await issueBatches(ctx.db, office.scope(request), request.body);
      reply.status(201);
      return { batches };
    },
  );

  app.get(
    '/api/supervision/batches',
    {
      preValidation: readers.preValidation,
      schema: { tags, summary: '督办/催办通知列表（部门只看本部门的）', response: { 200: ListBatchesResponse } },
    },
    async (request) => ({ batches: await listMyBatches(ctx.db, readers.scope(request)) }),
  );

  app.get(
    '/api/supervision/batches/:id',
    {
      preValidation: readers.preValidation,
      schema: { tags, summary: '一份督办/催办通知及各事项回复', params: IdParams, response: { 200: BatchResponse } },
    },
    async (request) => getBatch(ctx.db, readers.scope(request), request.params.id),
  );

  app.get(
    '/api/supervision/batches/:id/document',
    {
      preValidation: readers.preValidation,
      schema: {
        tags,
        summary: '督办/催办通知的可打印文件（.docx 或 PDF）',
        params: IdParams,
        querystring: BatchDocumentQuery,
      },
    },
    async (request, reply) => {
      const file = await batchDocument(
        ctx.db,
        readers.scope(request),
        request.params.id,
        request.query.format,
        actingUnit(requirePrincipal(request.principal)).name,
      );
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.get(
    '/api/supervision/settings',
    {
      preValidation: office.preValidation,
      schema: { tags, summary: '督办/催办通知的文号格式', response: { 200: SupervisionSettingsResponse } },
    },
    async (request) => supervisionPatterns(ctx.db, office.scope(request).orgUnitId),
  );

  app.put(
    '/api/supervision/settings',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '修改文号格式（{year} 年份，{n} 序号）',
        body: SupervisionSettingsRequest,
        response: { 200: SupervisionSettingsResponse },
      },
    },
    async (request) => saveSupervisionPatterns(ctx.db, office.scope(request), request.body),
  );

  app.get(
    '/api/supervision',
    {
      preValidation: readers.preValidation,
      schema: {
        tags,
        summary: '督办记录列表（按时间先后）',
        querystring: ListActionsQuery,
        response: { 200: ListActionsResponse },
      },
    },
    async (request) => ({ actions: await listActions(ctx.db, readers.scope(request), request.query) }),
  );

  app.get(
    '/api/supervision/:id',
    {
      preValidation: readers.preValidation,
      schema: { tags, summary: '督办记录详情', params: IdParams, response: { 200: SupervisionActionResponse } },
    },
    async (request) => getAction(ctx.db, readers.scope(request), request.params.id),
  );

  app.post(
    '/api/supervision/:id/reply',
    {
      preValidation: departmentUser.preValidation,
      schema: {
        tags,
        summary: '部门书面回复督办单（仅一次）',
        params: IdParams,
        body: ReplyToNoticeRequest,
        response: { 200: SupervisionActionResponse },
      },
    },
    async (request) => replyToNotice(ctx.db, departmentUser.scope(request), request.params.id, request.body),
  );

  app.post(
    '/api/occurrences/:id/extensions',
    {
      preValidation: departmentUser.preValidation,
      schema: {
        tags,
        summary: '申请延期（须在到期前）',
        params: IdParams,
        body: RequestExtensionRequest,
        response: { 201: ExtensionWithOccurrenceResponse },
      },
    },
    async (request, reply) => {
      const result = await requestExtension(ctx.db, departmentUser.scope(request), request.params.id, request.body);
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/api/extensions',
    {
      preValidation: readers.preValidation,
      schema: {
        tags,
        summary: '延期申请列表',
        querystring: ListExtensionsQuery,
        response: { 200: ListExtensionsResponse },
      },
    },
    async (request) => ({ extensions: await listExtensionRequests(ctx.db, readers.scope(request), request.query) }),
  );

  app.get(
    '/api/extensions/:id',
    {
      preValidation: readers.preValidation,
      schema: {
        tags,
        summary: '延期申请详情（含任务事项原时限与延期后时限）',
        params: IdParams,
        response: { 200: ExtensionWithOccurrenceResponse },
      },
    },
    async (request) => getExtensionRequest(ctx.db, readers.scope(request), request.params.id),
  );

  app.post(
    '/api/extensions/:id/decide',
    {
      preValidation: deciding.preValidation,
      schema: {
        tags,
        summary: '审批延期申请（批准或驳回，仅一次）',
        params: IdParams,
        body: DecideExtensionRequest,
        response: { 200: ExtensionWithOccurrenceResponse },
      },
    },
    async (request) => decideExtension(ctx.db, deciding.scope(request), request.params.id, request.body),
  );
}
