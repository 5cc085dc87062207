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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { OFFICE_ROLES, requirePrincipal, requireRole } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';
import {
  addCertificate,
  addEngagement,
  createExpert,
  drawExperts,
  evaluateEngagement,
  expertManageScope,
  getExpert,
  listExperts,
  scanCertificateWarnings,
  updateExpert,
} from './experts.service.ts';

const READERS: readonly UserRole[] = [...OFFICE_ROLES, 'leader', 'department'];
const only = (roles: readonly UserRole[]) => ({
  preValidation: async (request: FastifyRequest) => {
    requireRole(request.principal, roles);
  },
});

/** The expert pool (专家库). */
export async function expertsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['experts'];
  const db = ctx.db;
  const params = InspectionIdParams;

  app.get(
    '/api/experts',
    {
      ...only(READERS),
      schema: { tags, summary: '专家库', querystring: ListExpertsQuery, response: { 200: ListExpertsResponse } },
    },
    async (request) => ({ experts: await listExperts(db, requirePrincipal(request.principal), request.query) }),
  );
  app.post(
    '/api/experts',
    {
      ...only(OFFICE_ROLES),
      schema: { tags, summary: '新增专家', body: CreateExpertRequest, response: { 201: ExpertResponse } },
    },
    async (request, reply) => {
      const e = await createExpert(db, requirePrincipal(request.principal), request.body);
      reply.status(201);
      return e;
    },
  );
  app.get(
    '/api/experts/:id',
    {
      ...only(READERS),
      schema: { tags, summary: '专家详情（证书、参与记录、评价）', params, response: { 200: ExpertResponse } },
    },
    async (request) => getExpert(db, requirePrincipal(request.principal), request.params.id),
  );
  app.patch(
    '/api/experts/:id',
    {
      ...only(OFFICE_ROLES),
      schema: {
        tags,
        summary: '修改专家信息（带版本号）',
        params,
        body: UpdateExpertRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => updateExpert(db, requirePrincipal(request.principal), request.params.id, request.body),
  );
  app.post(
    '/api/experts/:id/certificates',
    {
      ...only(OFFICE_ROLES),
      schema: { tags, summary: '登记专家证书', params, body: AddCertificateRequest, response: { 200: ExpertResponse } },
    },
    async (request) => addCertificate(db, requirePrincipal(request.principal), request.params.id, request.body),
  );
  app.post(
    '/api/experts/:id/engagements',
    {
      ...only(OFFICE_ROLES),
      schema: {
        tags,
        summary: '登记专家参与（检查、验收、咨询）',
        params,
        body: AddEngagementRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => addEngagement(db, requirePrincipal(request.principal), request.params.id, request.body),
  );
  app.post(
    '/api/expert-engagements/:id/evaluation',
    {
      ...only(OFFICE_ROLES),
      schema: {
        tags,
        summary: '评价专家参与',
        params,
        body: EvaluateEngagementRequest,
        response: { 200: ExpertResponse },
      },
    },
    async (request) => evaluateEngagement(db, requirePrincipal(request.principal), request.params.id, request.body),
  );
  app.post(
    '/api/experts/draw',
    {
      ...only(OFFICE_ROLES),
      schema: {
        tags,
        summary: '随机抽取专家（回避任职单位和上次同一企业）',
        body: DrawExpertsRequest,
        response: { 200: DrawExpertsResponse },
      },
    },
    async (request) => drawExperts(db, requirePrincipal(request.principal), request.body),
  );
  app.post(
    '/api/experts/certificate-warnings/scan',
    {
      ...only(OFFICE_ROLES),
      schema: {
        tags,
        summary: '证书到期提醒（每张证书每阶段只提醒一次）',
        response: { 200: CertificateWarningsResponse },
      },
    },
    async (request) => ({
      warnings: await scanCertificateWarnings(db, expertManageScope(requirePrincipal(request.principal)).orgUnitId),
    }),
  );
}
