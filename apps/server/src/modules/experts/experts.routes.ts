import {
  AddCertificateRequest,
  AddEngagementRequest,
  CertificateWarningsResponse,
  CreateExpertRequest,
  DrawExpertsRequest,
  DrawExpertsResponse,
  EvaluateEngagementRequest,
  ExpertResponse,
  InspectionIdParams,
  ListExpertsQuery,
  ListExpertsResponse,
  UpdateExpertRequest,
} from '@duban/shared/contracts/inspections';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { scanCertificateWarnings } from './certificate-warnings.ts';
import { expertManageScope, expertReadScope } from './experts.policy.ts';
import {
  addCertificate,
  addEngagement,
  createExpert,
  drawExperts,
  evaluateEngagement,
  getExpert,
  listExperts,
  updateExpert,
} from './experts.service.ts';

/** The expert pool (专家库). */
export async function expertsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['experts'];
  const db = ctx.db;
  const params = InspectionIdParams;
  const read = routePolicy(expertReadScope);
  const manage = routePolicy(expertManageScope);

  app.get(
    '/api/experts',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '专家库', querystring: ListExpertsQuery, response: { 200: ListExpertsResponse } },
    },
    async (request) => ({ experts: await listExperts(db, read.scope(request), request.query) }),
  );
  app.post(
    '/api/experts',
    {
      preValidation: manage.preValidation,
      schema: { tags, summary: '新增专家', body: CreateExpertRequest, response: { 201: ExpertResponse } },
    },
    async (request, reply) => {
      const e = await createExpert(db, manage.scope(request), request.body);
      reply.status(201);
      return e;
    },
  );
  app.get(
    '/api/experts/:id',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '专家详情（证书、参与记录、评价）', params, response: { 200: ExpertResponse } },
    },
    async (request) => getExpert(db, read.scope(request), request.params.id),
  );
  app.patch(
    '/api/experts/:id',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '修改专家信息（带版本号）',
        params,
        body: UpdateExpertRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => updateExpert(db, manage.scope(request), request.params.id, request.body),
  );
  app.post(
    '/api/experts/:id/certificates',
    {
      preValidation: manage.preValidation,
      schema: { tags, summary: '登记专家证书', params, body: AddCertificateRequest, response: { 200: ExpertResponse } },
    },
    async (request) => addCertificate(db, manage.scope(request), request.params.id, request.body),
  );
  app.post(
    '/api/experts/:id/engagements',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '登记专家参与（检查、验收、咨询）',
        params,
        body: AddEngagementRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => addEngagement(db, manage.scope(request), request.params.id, request.body),
  );
  app.post(
    '/api/expert-engagements/:id/evaluation',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '评价专家参与',
        params,
        body: EvaluateEngagementRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => evaluateEngagement(db, manage.scope(request), request.params.id, request.body),
  );
  app.post(
    '/api/experts/draw',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '随机抽取专家（回避任职单位和上次同一企业）',
        body: DrawExpertsRequest,
        response: { 200: DrawExpertsResponse },
      },
    },
    async (request) => drawExperts(db, manage.scope(request), request.body),
  );
  app.post(
    '/api/experts/certificate-warnings/scan',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '证书到期提醒（每张证书每阶段只提醒一次）',
        response: { 200: CertificateWarningsResponse },
      },
    },
    async (request) => ({
      warnings: await scanCertificateWarnings(db, manage.scope(request).orgUnitId),
    }),
  );
}
