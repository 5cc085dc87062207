import { DashboardQuery } from '@duban/shared/contracts/dashboard';
import { ReportResponse } from '@duban/shared/contracts/progress';
import {
  OccurrenceParams,
  ReviewSubmissionRequest,
  RollupQuery,
  SubmissionParams,
  SubmissionSchema,
  SubmissionsQuery,
  SubmissionsResponse,
  SubmitPeriodRequest,
  TaskLinkRequest,
  UnitDashboardParams,
  UpperDutiesQuery,
  UpperDutiesResponse,
  ZoneLinkRequest,
  ZoneLinksResponse,
  ZoneReportDraftResponse,
  ZoneReportRequest,
} from '@duban/shared/contracts/rollup';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { CONTENT_TYPES } from '../documents/export/tasklist-export.service.ts';
import { attachmentDisposition } from '../progress/evidence-file-name.ts';
import { ReadModelCache } from '../read-models/read-model-cache.ts';
import { sendReadModel } from '../read-models/send-read-model.ts';
import { RollupCaches, readRollup, warmUnitFigures } from './read-rollup.ts';
import { readSubmissionFile, readSubmissions } from './read-submissions.ts';
import { readUnitDashboard } from './read-unit-dashboard.ts';
import { reviewSubmission } from './review-submission.ts';
import { rollupReadScope, rollupWriteScope } from './rollup.policy.ts';
import { submitPeriodReport } from './submit-period-report.ts';
import { linkUpperTask, readUpperDuties } from './upper-duties.ts';
import { linkZone, readZoneLinks } from './zone-links.ts';
import { draftZoneReport, fileZoneReport } from './zone-report.ts';

const tags = ['rollup'];

/** Roll-up across org units (issue 16): 下级单位 figures, drill-down, 直报, and the upper list's duties of a zone. */
export async function rollupRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const read = routePolicy(rollupReadScope);
  const write = routePolicy(rollupWriteScope);
  const caches = new RollupCaches();
  const dashboards = new ReadModelCache();
  if (ctx.warmRollup) warmInBackground(fastify, db, caches);

  app.get(
    '/api/rollup',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '下级单位汇总：各下级单位任务完成率、隐患、执法与直报情况', querystring: RollupQuery },
    },
    async (request, reply) =>
      sendReadModel(request, reply, await readRollup(db, caches, read.scope(request), request.query)),
  );

  app.get(
    '/api/rollup/units/:unitId/dashboard',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '下级单位督办看板（只读）', params: UnitDashboardParams, querystring: DashboardQuery },
    },
    async (request, reply) =>
      sendReadModel(
        request,
        reply,
        await readUnitDashboard(db, dashboards, read.scope(request), request.params.unitId, request.query),
      ),
  );

  app.get(
    '/api/rollup/submissions',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '直报记录（本单位的或下级报来的）',
        querystring: SubmissionsQuery,
        response: { 200: SubmissionsResponse },
      },
    },
    async (request) => ({ items: await readSubmissions(db, read.scope(request), request.query) }),
  );

  app.post(
    '/api/rollup/submissions',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '直报：向上级报送本期报告（冻结的报表与数据）',
        body: SubmitPeriodRequest,
        response: { 201: SubmissionSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await submitPeriodReport(db, write.scope(request), request.body)),
  );

  app.get(
    '/api/rollup/submissions/:id/file',
    { preValidation: read.preValidation, schema: { tags, summary: '直报报表（.xlsx）', params: SubmissionParams } },
    async (request, reply) => {
      const file = await readSubmissionFile(db, read.scope(request), request.params.id);
      return reply
        .type(CONTENT_TYPES.xlsx)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .send(file.bytes);
    },
  );

  app.post(
    '/api/rollup/submissions/:id/review',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '审核下级直报（通过或退回）',
        params: SubmissionParams,
        body: ReviewSubmissionRequest,
        response: { 200: SubmissionSchema },
      },
    },
    async (request) => reviewSubmission(db, write.scope(request), request.params.id, request.body),
  );

  app.get(
    '/api/rollup/zones',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '责任单位关联（本单位部门名录 ↔ 下级单位）', response: { 200: ZoneLinksResponse } },
    },
    async (request) => readZoneLinks(db, read.scope(request)),
  );

  app.post(
    '/api/rollup/zones',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '把部门名录条目关联到下级单位',
        body: ZoneLinkRequest,
        response: { 200: ZoneLinksResponse },
      },
    },
    async (request) => linkZone(db, write.scope(request), request.body),
  );

  app.get(
    '/api/rollup/upper-duties',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '上级任务：上级清单中由本单位承担的事项',
        querystring: UpperDutiesQuery,
        response: { 200: UpperDutiesResponse },
      },
    },
    async (request) => readUpperDuties(db, read.scope(request), request.query.year),
  );

  app.post(
    '/api/rollup/upper-duties/links',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '分解上级任务到本单位任务',
        body: TaskLinkRequest,
        response: { 200: UpperDutiesResponse },
      },
    },
    async (request) => linkUpperTask(db, write.scope(request), request.body),
  );

  app.get(
    '/api/rollup/upper-duties/:occurrenceId/draft',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '上报进展草稿（由本单位部门已审核通过的进展生成）',
        params: OccurrenceParams,
        response: { 200: ZoneReportDraftResponse },
      },
    },
    async (request) => draftZoneReport(db, read.scope(request), request.params.occurrenceId),
  );

  app.post(
    '/api/rollup/upper-duties/:occurrenceId/report',
    {
      preValidation: write.preValidation,
      schema: {
        tags,
        summary: '向上级报送该事项的工作进展',
        params: OccurrenceParams,
        body: ZoneReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (request) => fileZoneReport(db, write.scope(request), request.params.occurrenceId, request.body),
  );
}

/** Warms the per-unit figures once the app is ready, without holding up listen; closing the app stops and awaits it. */
function warmInBackground(fastify: FastifyInstance, db: AppContext['db'], caches: RollupCaches): void {
  let stopping = false;
  let warming: Promise<void> = Promise.resolve();
  fastify.addHook('onReady', async () => {
    const started = Date.now();
    warming = warmUnitFigures(db, caches, () => stopping).then(
      (units) => fastify.log.info({ units, ms: Date.now() - started }, 'roll-up: per-unit figures warmed'),
      (err) => fastify.log.warn({ err }, 'roll-up: warming the per-unit figures failed (they fill on first reads)'),
    );
  });
  fastify.addHook('onClose', async () => {
    stopping = true;
    await warming;
  });
}
