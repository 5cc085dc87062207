import {
  AddConflictRequest,
  AddFindingRequest,
  AddPhotoRequest,
  ClosureAlertsResponse,
  CompleteRequest,
  CreateDrawRequest,
  CreateEnforcementRequest,
  CreateInspectionRequest,
  CreateInspectorRequest,
  CreateMatterRequest,
  CreatePlanRequest,
  DrawPoolsResponse,
  DrawResponse,
  DrawVerifyResponse,
  EnforcementResponse,
  EnterpriseIdParams,
  FieldDayQuery,
  FieldDayResponse,
  FindingResponse,
  InspectionIdParams,
  InspectionResponse,
  InspectorResponse,
  ListDrawsResponse,
  ListEnforcementQuery,
  ListEnforcementResponse,
  ListInspectionsQuery,
  ListInspectionsResponse,
  ListInspectorsResponse,
  ListMattersResponse,
  ListPlansQuery,
  ListPlansResponse,
  MatterResponse,
  PlanItemsQuery,
  PlanItemsResponse,
  PlanProgressResponse,
  PlanResponse,
  PublishEnforcementRequest,
  SetProfileRequest,
  SignRequest,
  StatsQuery,
  StatsResponse,
  UpdateInspectionRequest,
  VersionRequest,
} from '@duban/shared/contracts/inspections';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServedContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { actingUnit } from '../../core/unit-scope.ts';
import { attachmentDisposition } from '../progress/evidence-file-name.ts';
import { addFinding, addPhoto } from './add-finding.ts';
import { createDraw, presentDraw } from './create-draw.ts';
import { createPlan } from './generate-plan.ts';
import { inspectionDocModel, renderDocDocx, renderDocPdf, renderStatsXlsx } from './inspection-documents.ts';
import { inspectionStats } from './inspection-stats.ts';
import {
  actingScope,
  assertOffice,
  assertStaffReader,
  fieldScope,
  findingScope,
  inspectionScope,
  planNotFound,
  staffInspectionScope,
} from './inspections.policy.ts';
import { presentPlan } from './inspections.present.ts';
import { findPlan, selectPlans } from './inspections.repository.ts';
import {
  addConflict,
  createInspector,
  createMatter,
  drawPools,
  getDraw,
  listDraws,
  listInspectors,
  listMatters,
  planItems,
  planProgress,
  publishDraw,
  setProfile,
} from './inspections.service.ts';
import { advancePlan } from './plan-workflow.ts';
import { fieldDay, findPhoto, getInspection, listInspections } from './read-inspections.ts';
import {
  closureAlerts,
  getEnforcement,
  listEnforcement,
  publishEnforcement,
  recordEnforcement,
} from './record-enforcement.ts';
import { verifyDraw } from './verify-draw.ts';
import { completeInspection, createInspection, signInspection, updateInspection } from './write-inspection.ts';

/** Inspections and enforcement (issue 15): plans, matter list, pools, draws, records, enforcement, statistics. */
export async function inspectionsRoutes(fastify: FastifyInstance, ctx: ServedContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const { storage } = ctx;
  const db = ctx.db;
  // Each route runs one policy of inspections.policy.ts before validation and hands its scope to the use case.
  const office = routePolicy(assertOffice);
  const staff = routePolicy(assertStaffReader);
  const reader = routePolicy((p) => inspectionScope(db, p));
  const staffReader = routePolicy((p) => staffInspectionScope(db, p));
  const field = routePolicy((p) => fieldScope(db, p));
  const writer = routePolicy((p) => actingScope(db, p));
  const finder = routePolicy((p) => findingScope(db, p));

  // ── profiles and plans ──
  app.put(
    '/api/inspection-profiles/:enterpriseId',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '设置企业检查分类（类别、是否重点）',
        params: EnterpriseIdParams,
        body: SetProfileRequest,
      },
    },
    async (request) => setProfile(db, office.scope(request), request.params.enterpriseId, request.body),
  );
  app.post(
    '/api/inspection-plans',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '生成年度监督检查计划（草稿）',
        body: CreatePlanRequest,
        response: { 201: PlanResponse },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(db, office.scope(request), request.body);
      reply.status(201);
      return plan;
    },
  );
  app.get(
    '/api/inspection-plans',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '年度检查计划列表', querystring: ListPlansQuery, response: { 200: ListPlansResponse } },
    },
    async (request) => {
      const scope = staff.scope(request);
      return { plans: (await selectPlans(db, scope.orgUnitId, request.query.year)).map(presentPlan) };
    },
  );
  app.get(
    '/api/inspection-plans/:id',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '检查计划', params: InspectionIdParams, response: { 200: PlanResponse } },
    },
    async (request) => {
      const scope = staff.scope(request);
      const plan = await findPlan(db, scope.orgUnitId, request.params.id);
      if (!plan) throw planNotFound();
      return presentPlan(plan);
    },
  );
  for (const step of ['approve', 'publish'] as const) {
    app.post(
      `/api/inspection-plans/:id/${step}`,
      {
        preValidation: office.preValidation,
        schema: {
          tags,
          summary: step === 'approve' ? '批准检查计划' : '公布检查计划',
          params: InspectionIdParams,
          body: VersionRequest,
          response: { 200: PlanResponse },
        },
      },
      async (request) => {
        return advancePlan(db, office.scope(request), request.params.id, step, request.body.version);
      },
    );
  }
  app.get(
    '/api/inspection-plans/:id/progress',
    {
      preValidation: staff.preValidation,
      schema: {
        tags,
        summary: '计划执行进度（按部门）',
        params: InspectionIdParams,
        response: { 200: PlanProgressResponse },
      },
    },
    async (request) => planProgress(db, staff.scope(request), request.params.id),
  );
  app.get(
    '/api/inspection-plans/:id/items',
    {
      preValidation: staff.preValidation,
      schema: {
        tags,
        summary: '计划明细（按企业）',
        params: InspectionIdParams,
        querystring: PlanItemsQuery,
        response: { 200: PlanItemsResponse },
      },
    },
    async (request) => planItems(db, staff.scope(request), request.params.id, request.query),
  );

  // ── matter list and pools ──
  app.get(
    '/api/inspection-matters',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '抽查事项清单', response: { 200: ListMattersResponse } },
    },
    async (request) => ({
      matters: await listMatters(db, staff.scope(request).orgUnitId),
    }),
  );
  app.post(
    '/api/inspection-matters',
    {
      preValidation: office.preValidation,
      schema: { tags, summary: '新增抽查事项', body: CreateMatterRequest, response: { 201: MatterResponse } },
    },
    async (request, reply) => {
      const m = await createMatter(db, office.scope(request), request.body);
      reply.status(201);
      return m;
    },
  );
  app.get(
    '/api/inspectors',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '检查人员库（执法人员与专家）', response: { 200: ListInspectorsResponse } },
    },
    async (request) => ({
      inspectors: await listInspectors(db, staff.scope(request).orgUnitId),
    }),
  );
  app.post(
    '/api/inspectors',
    {
      preValidation: office.preValidation,
      schema: { tags, summary: '加入检查人员库', body: CreateInspectorRequest, response: { 201: InspectorResponse } },
    },
    async (request, reply) => {
      const i = await createInspector(db, office.scope(request), request.body);
      reply.status(201);
      return i;
    },
  );
  app.post(
    '/api/inspectors/:id/conflicts',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '登记回避关系（任职单位、利害关系）',
        params: InspectionIdParams,
        body: AddConflictRequest,
        response: { 200: InspectorResponse },
      },
    },
    async (request) => addConflict(db, office.scope(request), request.params.id, request.body),
  );

  // ── draws ──
  app.post(
    '/api/inspection-draws',
    {
      preValidation: office.preValidation,
      schema: {
        tags,
        summary: '双随机抽取（记录种子与库哈希）',
        body: CreateDrawRequest,
        response: { 201: DrawResponse },
      },
    },
    async (request, reply) => {
      const { row, inspectionIds } = await createDraw(db, office.scope(request), request.body);
      reply.status(201);
      return presentDraw(row, inspectionIds);
    },
  );
  app.get(
    '/api/inspection-draws',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '抽查记录列表', response: { 200: ListDrawsResponse } },
    },
    async (request) => ({
      draws: await listDraws(db, staff.scope(request).orgUnitId),
    }),
  );
  app.get(
    '/api/inspection-draws/:id',
    {
      preValidation: staff.preValidation,
      schema: { tags, summary: '抽查结果', params: InspectionIdParams, response: { 200: DrawResponse } },
    },
    async (request) => getDraw(db, staff.scope(request).orgUnitId, request.params.id),
  );
  app.get(
    '/api/inspection-draws/:id/verify',
    {
      preValidation: staff.preValidation,
      schema: {
        tags,
        summary: '复核抽查：用种子重新抽取',
        params: InspectionIdParams,
        response: { 200: DrawVerifyResponse },
      },
    },
    async (request) => verifyDraw(db, staff.scope(request).orgUnitId, request.params.id),
  );
  app.get(
    '/api/inspection-draws/:id/pools',
    {
      preValidation: staff.preValidation,
      schema: {
        tags,
        summary: '抽查时的两库内容（可供复核）',
        params: InspectionIdParams,
        response: { 200: DrawPoolsResponse },
      },
    },
    async (request) => {
      return drawPools(db, staff.scope(request).orgUnitId, request.params.id);
    },
  );
  app.post(
    '/api/inspection-draws/:id/publish',
    {
      preValidation: office.preValidation,
      schema: { tags, summary: '公开抽查结果', params: InspectionIdParams, response: { 200: DrawResponse } },
    },
    async (request) => publishDraw(db, office.scope(request), request.params.id),
  );

  // ── inspection records ──
  app.post(
    '/api/inspections',
    {
      preValidation: writer.preValidation,
      schema: { tags, summary: '新建检查记录', body: CreateInspectionRequest, response: { 201: InspectionResponse } },
    },
    async (request, reply) => {
      const result = await createInspection(db, writer.scope(request), request.body);
      reply.status(201);
      return result;
    },
  );
  app.get(
    '/api/inspections',
    {
      preValidation: reader.preValidation,
      schema: {
        tags,
        summary: '检查记录列表（检查人员只见本人任务）',
        querystring: ListInspectionsQuery,
        response: { 200: ListInspectionsResponse },
      },
    },
    async (request) => listInspections(db, reader.scope(request), request.query),
  );
  app.get(
    '/api/inspections/field-day',
    {
      preValidation: field.preValidation,
      schema: {
        tags,
        summary: '现场检查离线包：当日任务、检查表、企业未销号隐患',
        querystring: FieldDayQuery,
        response: { 200: FieldDayResponse },
      },
    },
    async (request) => fieldDay(db, field.scope(request), request.query.date),
  );
  app.get(
    '/api/inspections/:id',
    {
      preValidation: reader.preValidation,
      schema: { tags, summary: '检查记录详情', params: InspectionIdParams, response: { 200: InspectionResponse } },
    },
    async (request) => getInspection(db, reader.scope(request), request.params.id),
  );
  app.patch(
    '/api/inspections/:id',
    {
      preValidation: writer.preValidation,
      schema: {
        tags,
        summary: '填写检查表、检查情况（带版本号）',
        params: InspectionIdParams,
        body: UpdateInspectionRequest,
        response: { 200: InspectionResponse },
      },
    },
    async (request) => {
      return updateInspection(db, writer.scope(request), request.params.id, request.body);
    },
  );
  app.post(
    '/api/inspections/:id/photos',
    {
      preValidation: writer.preValidation,
      bodyLimit: 15 * 1024 * 1024,
      schema: { tags, summary: '上传现场照片（按客户端编号幂等）', params: InspectionIdParams, body: AddPhotoRequest },
    },
    async (request, reply) => {
      const result = await addPhoto(db, storage, writer.scope(request), request.params.id, request.body);
      reply.status(result.created ? 201 : 200);
      return result;
    },
  );
  app.get(
    '/api/inspections/:id/photos/:key',
    {
      preValidation: reader.preValidation,
      schema: {
        tags,
        summary: '现场照片',
        params: z.object({ id: z.coerce.number().int().positive(), key: z.string().min(8).max(80) }),
      },
    },
    async (request, reply) => {
      const photo = await findPhoto(db, reader.scope(request), request.params.id, request.params.key);
      return reply
        .type(photo.mime)
        .header('cache-control', 'private, max-age=86400')
        .send(await storage.get(photo.sha256));
    },
  );
  app.post(
    '/api/inspections/:id/findings',
    {
      preValidation: finder.preValidation,
      schema: {
        tags,
        summary: '记录发现的问题（同时登记隐患；按客户端编号幂等）',
        params: InspectionIdParams,
        body: AddFindingRequest,
        response: { 200: FindingResponse, 201: FindingResponse },
      },
    },
    async (request, reply) => {
      const { finding, created } = await addFinding(db, finder.scope(request), request.params.id, request.body);
      reply.status(created ? 201 : 200);
      return {
        id: finding.id,
        clientKey: finding.client_key,
        item: finding.item,
        description: finding.description,
        place: finding.place,
        level: finding.level,
        photoKeys: JSON.parse(finding.photos),
        hazardId: finding.hazard_id,
        createdAt: finding.created_at,
      };
    },
  );
  app.post(
    '/api/inspections/:id/sign',
    {
      preValidation: writer.preValidation,
      schema: {
        tags,
        summary: '被检查单位签字或记录拒签',
        params: InspectionIdParams,
        body: SignRequest,
        response: { 200: InspectionResponse },
      },
    },
    async (request) => {
      return signInspection(db, writer.scope(request), request.params.id, request.body);
    },
  );
  app.post(
    '/api/inspections/:id/complete',
    {
      preValidation: writer.preValidation,
      schema: {
        tags,
        summary: '办结检查（编号现场检查记录、责令限期整改指令书）',
        params: InspectionIdParams,
        body: CompleteRequest,
        response: { 200: InspectionResponse },
      },
    },
    async (request) => {
      return completeInspection(db, writer.scope(request), request.params.id, request.body);
    },
  );
  app.get(
    '/api/inspections/:id/documents/:kind',
    {
      preValidation: reader.preValidation,
      schema: {
        tags,
        summary: '检查文书：record（现场检查记录）/ order（责令限期整改指令书），.docx 或 .pdf',
        params: z.object({ id: z.coerce.number().int().positive(), kind: z.enum(['record', 'order']) }),
        querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
      },
    },
    async (request, reply) => {
      const inspection = await getInspection(db, reader.scope(request), request.params.id);
      const model = inspectionDocModel(
        inspection,
        request.params.kind,
        actingUnit(requirePrincipal(request.principal)).name,
      );
      const pdf = request.query.format === 'pdf';
      const bytes = pdf ? await renderDocPdf(model) : await renderDocDocx(model);
      const label = request.params.kind === 'record' ? '现场检查记录' : '责令限期整改指令书';
      return reply
        .type(pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentDisposition(`${label}${model.number}.${pdf ? 'pdf' : 'docx'}`))
        .send(bytes);
    },
  );

  // ── enforcement ──
  app.post(
    '/api/enforcement-actions',
    {
      preValidation: writer.preValidation,
      schema: {
        tags,
        summary: '记录执法决定（处罚或零处罚及理由）',
        body: CreateEnforcementRequest,
        response: { 201: EnforcementResponse },
      },
    },
    async (request, reply) => {
      const result = await recordEnforcement(db, writer.scope(request), request.body);
      reply.status(201);
      return result;
    },
  );
  app.get(
    '/api/enforcement-actions',
    {
      preValidation: reader.preValidation,
      schema: {
        tags,
        summary: '执法决定列表（含公示期限）',
        querystring: ListEnforcementQuery,
        response: { 200: ListEnforcementResponse },
      },
    },
    async (request) => ({
      actions: await listEnforcement(db, reader.scope(request), request.query),
    }),
  );
  app.get(
    '/api/enforcement-actions/:id',
    {
      preValidation: reader.preValidation,
      schema: { tags, summary: '执法决定', params: InspectionIdParams, response: { 200: EnforcementResponse } },
    },
    async (request) => getEnforcement(db, reader.scope(request), request.params.id),
  );
  app.post(
    '/api/enforcement-actions/:id/publish',
    {
      preValidation: writer.preValidation,
      schema: {
        tags,
        summary: '登记处罚决定公示',
        params: InspectionIdParams,
        body: PublishEnforcementRequest,
        response: { 200: EnforcementResponse },
      },
    },
    async (request) => {
      return publishEnforcement(db, writer.scope(request), request.params.id, request.body.publishedOn);
    },
  );
  app.get(
    '/api/enforcement-alerts',
    {
      preValidation: staffReader.preValidation,
      schema: {
        tags,
        summary: '提请关闭预警（重大隐患 180 日内 3 次或一年内 4 次处罚）',
        response: { 200: ClosureAlertsResponse },
      },
    },
    async (request) => ({
      alerts: await closureAlerts(db, staffReader.scope(request)),
    }),
  );

  // ── statistics ──
  app.get(
    '/api/inspection-stats',
    {
      preValidation: staff.preValidation,
      schema: {
        tags,
        summary: '执法统计（按部门、行业、月份）',
        querystring: StatsQuery,
        response: { 200: StatsResponse },
      },
    },
    async (request) => {
      const scope = staff.scope(request);
      return inspectionStats(db, scope.orgUnitId, request.query.year, {
        ...request.query,
        departmentId: scope.departmentId,
      });
    },
  );
  app.get(
    '/api/inspection-stats/export',
    { preValidation: staff.preValidation, schema: { tags, summary: '执法统计表 .xlsx', querystring: StatsQuery } },
    async (request, reply) => {
      const scope = staff.scope(request);
      const stats = await inspectionStats(db, scope.orgUnitId, request.query.year, {
        ...request.query,
        departmentId: scope.departmentId,
      });
      const bytes = await renderStatsXlsx(stats, actingUnit(requirePrincipal(request.principal)).name);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(`安全生产执法统计（${stats.from}至${stats.to}）.xlsx`))
        .send(bytes);
    },
  );
}
