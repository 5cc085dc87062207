import { todayInShanghai } from '@duban/shared/civil-date';
import {
  AddHazardFilesResponse,
  AddStandardItemRequest,
  ConfirmHazardRequest,
  CreateHazardRequest,
  DecideHazardExtensionRequest,
  EvaluationRequest,
  ExplanationRequest,
  ExtensionParams,
  FixOnSpotRequest,
  HazardFileKindSchema,
  HazardResponse,
  HazardSettings,
  HazardStandardsResponse,
  HazardStatsQuery,
  HazardStatsResponse,
  IdParams,
  ListHazardRequest,
  ListHazardsQuery,
  ListHazardsResponse,
  NoticeQuery,
  RecordAcceptanceRequest,
  RequestHazardExtensionRequest,
  UpdateHazardSettingsRequest,
  UpdatePlanRequest,
  VersionedRequest,
} from '@duban/shared/contracts/hazards';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServedContext } from '../../app-context.ts';
import { AppError } from '../../core/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../../core/limits.ts';
import { requirePrincipal } from '../../core/principal.ts';
import type { UploadPart } from '../progress/add-evidence.ts';
import { attachmentDisposition } from '../progress/evidence-file-name.ts';
import { ReadModelCache } from '../read-models/read-model-cache.ts';
import { currentVersionOfUnits } from '../read-models/read-models.service.ts';
import { sendReadModel } from '../read-models/send-read-model.ts';
import { addHazardFiles } from './add-hazard-files.ts';
import { createHazard } from './create-hazard.ts';
import { fixOnSpot } from './fix-on-spot.ts';
import { decideHazardExtension, explainOverdue, requestHazardExtension } from './hazard-extensions.ts';
import { hazardNoticeDocx, hazardNoticePdf } from './hazard-notice.ts';
import { loadHazardSettings, saveHazardSettings } from './hazard-settings.ts';
import { addStandardItem, getHazardStandards } from './hazard-standards.ts';
import { getHazardStats, hazardStatsUnits } from './hazard-stats.ts';
import { hazardStatsXlsx } from './hazard-stats-xlsx.ts';
import {
  closeHazard,
  confirmHazard,
  recordEvaluation,
  requestAcceptance,
  startRectification,
  updatePlan,
} from './hazard-steps.ts';
import { hazardActingScope, hazardOfficeScope, hazardReadScope } from './hazards.policy.ts';
import { listHazard } from './list-hazard.ts';
import { getHazardDetail, getHazardList, openHazardFile } from './read-hazards.ts';
import { recordAcceptance } from './record-acceptance.ts';

const tags = ['hazards'];
const FileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

/** The hazard register and its closed loop. Thin: validate → policy → one use case → present. */
export async function hazardsRoutes(fastify: FastifyInstance, ctx: ServedContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { storage } = ctx;
  /** Statistics per (unit, scope, year, day) at the unit's read-model version (modules/read-models). */
  const statsCache = new ReadModelCache();
  const who = (request: FastifyRequest) => requirePrincipal(request.principal);

  app.get(
    '/api/hazard-standards',
    { schema: { tags, summary: '重大事故隐患判定标准目录', response: { 200: HazardStandardsResponse } } },
    async (request) => {
      await hazardReadScope(ctx.db, who(request));
      return getHazardStandards(ctx.db);
    },
  );

  app.post(
    '/api/hazard-standards/:id/items',
    {
      schema: {
        tags,
        summary: '办公室补录判定标准条目（须注明出处）',
        params: IdParams,
        body: AddStandardItemRequest,
        response: { 201: HazardStandardsResponse },
      },
    },
    async (request, reply) => {
      const r = await addStandardItem(ctx.db, hazardOfficeScope(who(request)), request.params.id, request.body);
      reply.status(201);
      return r;
    },
  );

  app.get(
    '/api/hazards',
    {
      schema: {
        tags,
        summary: '隐患台账（筛选、分页）',
        querystring: ListHazardsQuery,
        response: { 200: ListHazardsResponse },
      },
    },
    async (request) => getHazardList(ctx.db, await hazardReadScope(ctx.db, who(request)), request.query),
  );

  app.post(
    '/api/hazards',
    {
      schema: {
        tags,
        summary: '上报隐患（企业自查、部门检查等）',
        body: CreateHazardRequest,
        response: { 201: HazardResponse },
      },
    },
    async (request, reply) => {
      const p = who(request);
      const scope = await hazardActingScope(ctx.db, p, 'report');
      const id = await createHazard(
        ctx.db,
        scope,
        { orgUnitId: scope.orgUnitId, actor: scope.actor, actorName: scope.actorName, userId: scope.userId },
        request.body,
      );
      reply.status(201);
      return getHazardDetail(ctx.db, scope, id);
    },
  );

  app.get(
    '/api/hazards/stats',
    { schema: { tags, summary: '隐患统计', querystring: HazardStatsQuery, response: { 200: HazardStatsResponse } } },
    async (request, reply) => {
      const scope = await hazardReadScope(ctx.db, who(request));
      const { year } = request.query;
      // Cached per (unit, scope, year, today) at the read-model version of the unit and the units below it (the
      // statistics cover them): every audited write (each hazard step audits) raises its unit's version on
      // whichever instance it ran, so a hit is never stale.
      const today = todayInShanghai();
      const key = `${scope.orgUnitId}/${scope.departmentId ?? '-'}/${scope.ownEnterpriseId ?? '-'}/${year}/${today}`;
      const units = await hazardStatsUnits(ctx.db, scope.orgUnitId);
      const version = await currentVersionOfUnits(
        ctx.db,
        units.map((u) => u.id),
      );
      const body = await statsCache.get(key, version, async () =>
        HazardStatsResponse.parse(await getHazardStats(ctx.db, scope, year, today)),
      );
      return sendReadModel(request, reply, body);
    },
  );

  app.get(
    '/api/hazards/stats/export',
    { schema: { tags, summary: '隐患统计导出（.xlsx）', querystring: HazardStatsQuery } },
    async (request, reply) => {
      const stats = await getHazardStats(ctx.db, await hazardReadScope(ctx.db, who(request)), request.query.year);
      const bytes = await hazardStatsXlsx(stats);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', attachmentDisposition(`隐患统计-${request.query.year}.xlsx`))
        .send(bytes);
    },
  );

  app.get(
    '/api/hazard-settings',
    { schema: { tags, summary: '隐患通知设置', response: { 200: HazardSettings } } },
    async (request) => loadHazardSettings(ctx.db, hazardOfficeScope(who(request)).orgUnitId),
  );

  app.put(
    '/api/hazard-settings',
    {
      schema: {
        tags,
        summary: '修改隐患通知设置',
        body: UpdateHazardSettingsRequest,
        response: { 200: HazardSettings },
      },
    },
    async (request) => saveHazardSettings(ctx.db, hazardOfficeScope(who(request)), request.body),
  );

  app.get(
    '/api/hazards/:id',
    { schema: { tags, summary: '隐患详情（时间线）', params: IdParams, response: { 200: HazardResponse } } },
    async (request) => getHazardDetail(ctx.db, await hazardReadScope(ctx.db, who(request)), request.params.id),
  );

  app.get(
    '/api/hazards/:id/notice',
    { schema: { tags, summary: '挂牌督办通知书（.docx 或 PDF）', params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const scope = await hazardReadScope(ctx.db, who(request));
      const file =
        request.query.format === 'pdf'
          ? await hazardNoticePdf(ctx.db, scope, request.params.id)
          : await hazardNoticeDocx(ctx.db, scope, request.params.id);
      return reply
        .header(
          'Content-Type',
          request.query.format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('Content-Disposition', attachmentDisposition(file.fileName))
        .send(file.bytes);
    },
  );

  const step = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: B,
    run: (request: FastifyRequest, body: z.infer<B>, id: number) => Promise<HazardResponse>,
  ) =>
    app.post(
      `/api/hazards/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: HazardResponse } } },
      async (request) => run(request, request.body as z.infer<B>, (request.params as { id: number }).id),
    );

  step('confirm', '确认隐患', ConfirmHazardRequest, async (r, b, id) =>
    confirmHazard(ctx.db, await hazardActingScope(ctx.db, who(r), 'confirm'), id, b),
  );
  step('plan', '填报隐患报告和五落实', UpdatePlanRequest, async (r, b, id) =>
    updatePlan(ctx.db, await hazardActingScope(ctx.db, who(r), 'plan'), id, b),
  );
  step('start-rectification', '开始整改', VersionedRequest, async (r, b, id) =>
    startRectification(ctx.db, await hazardActingScope(ctx.db, who(r), 'start_rectification'), id, b),
  );
  step('evaluation', '治理效果评估', EvaluationRequest, async (r, b, id) =>
    recordEvaluation(ctx.db, await hazardActingScope(ctx.db, who(r), 'evaluation'), id, b),
  );
  step('request-acceptance', '申请验收', VersionedRequest, async (r, b, id) =>
    requestAcceptance(ctx.db, await hazardActingScope(ctx.db, who(r), 'request_acceptance'), id, b),
  );
  step('acceptance', '验收（通过或不通过）', RecordAcceptanceRequest, async (r, b, id) =>
    recordAcceptance(ctx.db, await hazardActingScope(ctx.db, who(r), 'acceptance'), id, b),
  );
  step('close', '销号（须有通过的验收）', VersionedRequest, async (r, b, id) =>
    closeHazard(ctx.db, await hazardActingScope(ctx.db, who(r), 'close'), id, b),
  );
  step('fix-on-spot', '立查立改（一般隐患，附整改前后照片）', FixOnSpotRequest, async (r, b, id) =>
    fixOnSpot(ctx.db, await hazardActingScope(ctx.db, who(r), 'fix_on_spot'), id, b),
  );
  step('listing', '挂牌督办', ListHazardRequest, async (r, b, id) =>
    listHazard(ctx.db, hazardOfficeScope(who(r)), id, b),
  );
  step('extensions', '申请延期', RequestHazardExtensionRequest, async (r, b, id) =>
    requestHazardExtension(ctx.db, await hazardActingScope(ctx.db, who(r), 'request_extension'), id, b),
  );
  step('explanation', '逾期挂账说明', ExplanationRequest, async (r, b, id) =>
    explainOverdue(ctx.db, await hazardActingScope(ctx.db, who(r), 'explanation'), id, b),
  );

  app.post(
    '/api/hazards/:id/extensions/:extensionId/decision',
    {
      schema: {
        tags,
        summary: '审批延期申请',
        params: ExtensionParams,
        body: DecideHazardExtensionRequest,
        response: { 200: HazardResponse },
      },
    },
    async (request) =>
      decideHazardExtension(
        ctx.db,
        hazardOfficeScope(who(request)),
        request.params.id,
        request.params.extensionId,
        request.body,
      ),
  );

  app.post(
    '/api/hazards/:id/files',
    {
      schema: {
        tags,
        summary:
          '上传隐患照片或材料（multipart/form-data；kind=before|after|evidence|evaluation|acceptance|report|explanation）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: z.object({ kind: HazardFileKindSchema }),
        response: { 201: AddHazardFilesResponse },
      },
    },
    async (request, reply) => {
      const scope = await hazardActingScope(ctx.db, who(request), 'files');
      const r = await addHazardFiles(
        ctx.db,
        storage,
        scope,
        request.params.id,
        request.query.kind,
        uploadParts(request),
      );
      reply.status(201);
      return r;
    },
  );

  app.get(
    '/api/hazards/:id/files/:fileId',
    { schema: { tags, summary: '下载隐患照片或材料', params: FileParams } },
    async (request, reply) => {
      const scope = await hazardReadScope(ctx.db, who(request));
      const { record, body } = await openHazardFile(ctx.db, storage, scope, request.params.id, request.params.fileId);
      const inline = record.mime.startsWith('image/') && record.mime !== 'image/svg+xml';
      return reply
        .header('Content-Type', record.mime)
        .header('Content-Length', String(record.size))
        .header('Content-Disposition', inline ? 'inline' : attachmentDisposition(record.file_name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-store')
        .send(body);
    },
  );
}

async function* uploadParts(request: FastifyRequest): AsyncIterable<UploadPart> {
  if (!request.isMultipart()) {
    throw new AppError('bad_request', '请以 multipart/form-data 上传文件 (expected multipart/form-data)');
  }
  try {
    for await (const part of request.files()) {
      yield { fileName: part.filename, read: () => part.toBuffer() };
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : null;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
      throw new AppError(
        'payload_too_large',
        `文件超过 ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB 上限或数量过多`,
      );
    }
    throw error;
  }
}
