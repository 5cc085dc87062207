import { join } from 'node:path';
import {
  AcceptWhistleRequest,
  AssignWhistleRequest,
  AttachmentParams,
  ChallengeResponse,
  ClaimRewardRequest,
  ConcludeWhistleRequest,
  DecideRewardRequest,
  DuplicateWhistleRequest,
  ExtendWhistleRequest,
  IdentityResponse,
  InvestigationRequest,
  ListRewardsResponse,
  ListWhistleReportsQuery,
  ListWhistleReportsResponse,
  LookupRequest,
  LookupResponse,
  PayRewardRequest,
  ProposeRewardRequest,
  ReplyWhistleRequest,
  ReportHandlersResponse,
  RewardView,
  SetReportHandlerRequest,
  SetReportHandlerResponse,
  SubmitWhistleReportResponse,
  TransferWhistleRequest,
  UpdateWhistlePolicyRequest,
  WhistleIdParams,
  WhistlePolicyResponse,
  WhistleReportView,
} from '@duban/shared/contracts/whistleblowing';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServedContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { publicUnitCode, resolvePublicUnit } from '../orgunits/orgunits.service.ts';
import { reportHandlerIds, setReportHandler } from '../users/report-handler.ts';
import { AbuseGuard } from './abuse-guard.ts';
import { AttachmentStore } from './attachment-store.ts';
import { claimReward } from './claim-reward.ts';
import { concludeReport, replyToReporter } from './conclude-report.ts';
import { WhistleKey } from './identity-crypto.ts';
import { assignReport, extendReport, recordInvestigation } from './investigate-report.ts';
import { createLinkedHazard } from './linked-hazard.ts';
import { lookupWhistleReport } from './lookup-whistle-report.ts';
import { intakePublicReport, type PublicDeps } from './public-intake.ts';
import { getWhistleReport, listWhistleReports, openAttachment, openIdentity } from './read-whistle.ts';
import { openPayee, rewardLedgerXlsx } from './reward-ledger.ts';
import { decideReward, listRewardViews, markRewardPaid, proposeReward } from './reward-writes.ts';
import { acceptReport, markDuplicate, transferReport } from './triage-report.ts';
import { readWhistlePolicy, saveWhistlePolicy } from './whistle-policy.service.ts';
import { adminHandlerScope, handlerScope, permissionAdmin, readScope } from './whistleblowing.policy.ts';
import { rateStoreOf } from './whistleblowing.repository.ts';

const tags = ['whistleblowing'];

/** The whistle key, attachment store and abuse guard of one app; the public portal's HTML form uses them too. */
export function publicDeps(ctx: ServedContext): PublicDeps {
  const key = WhistleKey.fromConfig(ctx.whistleKey, ctx.dataDir);
  return {
    db: ctx.db,
    key,
    store: new AttachmentStore(ctx.storage, key, join(ctx.dataDir, 'whistle')),
    guard: new AbuseGuard((v) => key.mac('challenge', v), rateStoreOf(ctx.db)),
    orgUnitId: ctx.scope.orgUnitId,
  };
}

export async function whistleblowingRoutes(
  fastify: FastifyInstance,
  ctx: ServedContext,
  deps: PublicDeps = publicDeps(ctx),
): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  // ── public: no session ────────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/public/challenge',
    { schema: { tags, summary: '举报验证题（一次性）', response: { 200: ChallengeResponse } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return deps.guard.issueChallenge();
    },
  );

  app.post(
    '/api/public/reports',
    {
      schema: {
        tags,
        summary: '提交举报（multipart：字段见 SubmitWhistleReportFields，照片/视频字段 files）',
        response: { 201: SubmitWhistleReportResponse },
      },
    },
    async (request, reply) => {
      const unit = await resolvePublicUnit(db, ctx.scope, publicUnitCode(request.url));
      const result = await intakePublicReport({ ...deps, orgUnitId: unit.orgUnitId }, request);
      reply.status(201).header('cache-control', 'no-store');
      return result;
    },
  );

  app.post(
    '/api/public/reports/lookup',
    { schema: { tags, summary: '凭回执码和密码查询办理进度', body: LookupRequest, response: { 200: LookupResponse } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return lookupWhistleReport(db, deps.guard, request.ip, request.body.receiptCode, request.body.password);
    },
  );

  app.post(
    '/api/public/reports/claim',
    {
      schema: { tags, summary: '凭回执码和密码申领奖励', body: ClaimRewardRequest, response: { 200: LookupResponse } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return claimReward(db, deps.key, deps.guard, request.ip, request.body);
    },
  );

  // ── handlers and assigned departments ─────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/whistle/reports',
    {
      schema: {
        tags,
        summary: '举报列表',
        querystring: ListWhistleReportsQuery,
        response: { 200: ListWhistleReportsResponse },
      },
    },
    async (request) => {
      const scope = await readScope(db, requirePrincipal(request.principal));
      return { reports: await listWhistleReports(db, scope, request.query.status) };
    },
  );

  app.get(
    '/api/whistle/reports/:id',
    {
      schema: {
        tags,
        summary: '举报详情（不含举报人身份）',
        params: WhistleIdParams,
        response: { 200: WhistleReportView },
      },
    },
    async (request) =>
      getWhistleReport(db, await readScope(db, requirePrincipal(request.principal)), request.params.id),
  );

  const write = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: B,
    run: (scopeP: ReturnType<typeof requirePrincipal>, id: number, input: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/whistle/reports/:id/${path}`,
      { schema: { tags, summary, params: WhistleIdParams, body, response: { 200: WhistleReportView } } },
      async (request) => {
        const p = requirePrincipal(request.principal);
        await run(p, request.params.id, request.body as z.infer<B>);
        return getWhistleReport(db, await readScope(db, p), request.params.id);
      },
    );

  write('accept', '受理（可同时交办部门）', AcceptWhistleRequest, async (p, id, b) =>
    acceptReport(db, await handlerScope(db, p), id, b),
  );
  write('transfer', '不属于本单位职责：移送有权处理的部门', TransferWhistleRequest, async (p, id, b) =>
    transferReport(db, await handlerScope(db, p), id, b),
  );
  write('duplicate', '重复举报：关联到先收到的举报', DuplicateWhistleRequest, async (p, id, b) =>
    markDuplicate(db, await handlerScope(db, p), id, b),
  );
  write('assign', '交办部门核查', AssignWhistleRequest, async (p, id, b) =>
    assignReport(db, await handlerScope(db, p), id, b),
  );
  write('investigation', '填写核查情况（受理人或承办部门）', InvestigationRequest, async (p, id, b) =>
    recordInvestigation(db, await readScope(db, p), id, b),
  );
  write('extend', '延长办理期限（须安委办管理员批准）', ExtendWhistleRequest, async (p, id, b) =>
    extendReport(db, await adminHandlerScope(db, p), id, b),
  );
  write('conclude', '办结：查实（生成隐患）或不实（写明理由）', ConcludeWhistleRequest, async (p, id, b) =>
    concludeReport(db, await handlerScope(db, p), id, b, createLinkedHazard),
  );
  write('reply', '答复举报人（回执页可见）', ReplyWhistleRequest, async (p, id, b) =>
    replyToReporter(db, await handlerScope(db, p), id, b),
  );

  app.get(
    '/api/whistle/reports/:id/identity',
    {
      schema: {
        tags,
        summary: '查看举报人身份（每次查看均记入审计）',
        params: WhistleIdParams,
        response: { 200: IdentityResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return openIdentity(db, deps.key, await handlerScope(db, requirePrincipal(request.principal)), request.params.id);
    },
  );

  app.get(
    '/api/whistle/reports/:id/attachments/:attachmentId',
    { schema: { tags, summary: '举报照片或视频（受理人）', params: AttachmentParams } },
    async (request, reply) => {
      const scope = await handlerScope(db, requirePrincipal(request.principal));
      const file = await openAttachment(db, deps.store, scope, request.params.id, request.params.attachmentId);
      return reply
        .header('content-type', file.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="report-${request.params.id}-${request.params.attachmentId}"`,
        )
        .send(file.bytes);
    },
  );

  // ── rewards ───────────────────────────────────────────────────────────────────────────────────────────────────
  app.post(
    '/api/whistle/reports/:id/reward',
    {
      schema: {
        tags,
        summary: '按奖励标准测算并提出奖励',
        params: WhistleIdParams,
        body: ProposeRewardRequest,
        response: { 201: RewardView },
      },
    },
    async (request, reply) => {
      const scope = await handlerScope(db, requirePrincipal(request.principal));
      reply.status(201);
      return proposeReward(db, scope, request.params.id, request.body);
    },
  );

  app.get(
    '/api/whistle/rewards',
    { schema: { tags, summary: '举报奖励列表', response: { 200: ListRewardsResponse } } },
    async (request) => ({
      rewards: await listRewardViews(db, await handlerScope(db, requirePrincipal(request.principal))),
    }),
  );

  app.get(
    '/api/whistle/rewards/export',
    { schema: { tags, summary: '举报奖励台账 .xlsx（不含举报人身份）' } },
    async (request, reply) => {
      const bytes = await rewardLedgerXlsx(db, await handlerScope(db, requirePrincipal(request.principal)));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('举报奖励台账.xlsx')}`)
        .send(bytes);
    },
  );

  app.post(
    '/api/whistle/rewards/:id/decide',
    {
      schema: {
        tags,
        summary: '审批奖励（安委办管理员）',
        params: WhistleIdParams,
        body: DecideRewardRequest,
        response: { 200: ListRewardsResponse },
      },
    },
    async (request) => {
      const scope = await adminHandlerScope(db, requirePrincipal(request.principal));
      await decideReward(db, scope, request.params.id, request.body);
      return { rewards: await listRewardViews(db, scope) };
    },
  );

  app.post(
    '/api/whistle/rewards/:id/paid',
    {
      schema: {
        tags,
        summary: '登记奖励发放日期',
        params: WhistleIdParams,
        body: PayRewardRequest,
        response: { 200: ListRewardsResponse },
      },
    },
    async (request) => {
      const scope = await handlerScope(db, requirePrincipal(request.principal));
      await markRewardPaid(db, scope, request.params.id, request.body);
      return { rewards: await listRewardViews(db, scope) };
    },
  );

  app.get(
    '/api/whistle/rewards/:id/payee',
    {
      schema: {
        tags,
        summary: '查看领奖人收款信息（记入审计）',
        params: WhistleIdParams,
        response: { 200: z.object({ payee: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return openPayee(db, deps.key, await handlerScope(db, requirePrincipal(request.principal)), request.params.id);
    },
  );

  // ── policy and permission ─────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/whistle/policy',
    { schema: { tags, summary: '办理时限与奖励标准', response: { 200: WhistlePolicyResponse } } },
    async (request) => {
      const scope = await handlerScope(db, requirePrincipal(request.principal));
      return readWhistlePolicy(db, scope.orgUnitId);
    },
  );

  app.put(
    '/api/whistle/policy',
    {
      schema: {
        tags,
        summary: '修改办理时限与奖励标准（安委办管理员）',
        body: UpdateWhistlePolicyRequest,
        response: { 200: WhistlePolicyResponse },
      },
    },
    async (request) =>
      saveWhistlePolicy(db, await adminHandlerScope(db, requirePrincipal(request.principal)), request.body),
  );

  app.get(
    '/api/users/report-handlers',
    { schema: { tags, summary: '持有举报受理权限的账号（安委办管理员）', response: { 200: ReportHandlersResponse } } },
    async (request) => {
      const by = permissionAdmin(requirePrincipal(request.principal));
      return { userIds: await reportHandlerIds(db, by.orgUnitId) };
    },
  );

  app.put(
    '/api/users/:id/report-handler',
    {
      schema: {
        tags,
        summary: '授予或收回举报受理权限（安委办管理员）',
        params: WhistleIdParams,
        body: SetReportHandlerRequest,
        response: { 200: SetReportHandlerResponse },
      },
    },
    async (request) =>
      setReportHandler(
        db,
        permissionAdmin(requirePrincipal(request.principal)),
        request.params.id,
        request.body.canHandleReports,
      ),
  );
}
