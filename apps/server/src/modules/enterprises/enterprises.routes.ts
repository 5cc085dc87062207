import {
  AddCatalogueItemRequest,
  BindAccountRequest,
  BindAccountResponse,
  CatalogueItem,
  CatalogueResponse,
  ChangeEnterpriseStatusRequest,
  CreateEnterpriseRequest,
  EnterpriseResponse,
  EnterpriseVersionsResponse,
  IdParams,
  ImportEnterprisesResponse,
  ImportQuery,
  ListEnterprisesQuery,
  ListEnterprisesResponse,
  SupervisionListExportQuery,
  SupervisionListQuery,
  SupervisionListResponse,
  UpdateEnterpriseRequest,
} from '@duban/shared/contracts/enterprises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../core/app-error.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { publicUnitCode, resolvePublicUnit } from '../orgunits/orgunits.service.ts';
import { attachmentDisposition } from '../progress/evidence-file-name.ts';
import { addCatalogueItem } from './add-catalogue-item.ts';
import { bindEnterpriseAccount } from './bind-enterprise-account.ts';
import { changeEnterpriseStatus } from './change-enterprise-status.ts';
import { createEnterprise } from './create-enterprise.ts';
import { enterpriseManageScope } from './enterprises.policy.ts';
import { resolveEnterpriseScope } from './enterprises.service.ts';
import { commitEnterpriseImport, planEnterpriseImport, presentImportPlan } from './import-enterprises.ts';
import { getCatalogue, getEnterprise, getEnterpriseVersions, listEnterprises } from './read-enterprises.ts';
import { buildSupervisionList } from './supervision-list.ts';
import { renderSupervisionListPdf, renderSupervisionListXlsx } from './supervision-list-render.ts';
import { updateEnterprise } from './update-enterprise.ts';

/** Policy before body validation: anonymous gets 401, a reader without the right 403, whatever they send. */
const manage = routePolicy(enterpriseManageScope);

async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart())
    throw new AppError('bad_request', '请以 multipart/form-data 上传企业名录文件（字段名 file）');
  let file: { bytes: Buffer; fileName: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file' || file) throw new AppError('bad_request', '只能上传一个企业名录文件（字段名 file）');
    file = { bytes: await part.toBuffer(), fileName: part.filename };
  }
  if (!file) throw new AppError('bad_request', '缺少企业名录文件（字段名 file）');
  return file;
}

/** 企业名录, the catalogue, enterprise accounts, import, and the 安全生产监管责任清单 (signed-in and public). */
export async function enterprisesRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  // An enterprise account's scope needs its binding (users.enterprise_id): the read policy is async.
  const read = routePolicy((p) => resolveEnterpriseScope(ctx.db, p));

  app.get(
    '/api/enterprises',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '企业名录（按权限范围）',
        querystring: ListEnterprisesQuery,
        response: { 200: ListEnterprisesResponse },
      },
    },
    async (request) => {
      const scope = read.scope(request);
      return listEnterprises(ctx.db, scope, request.query);
    },
  );

  app.post(
    '/api/enterprises',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '登记企业（校验统一社会信用代码）',
        body: CreateEnterpriseRequest,
        response: { 201: EnterpriseResponse },
      },
    },
    async (request, reply) => {
      const scope = manage.scope(request);
      const view = await createEnterprise(ctx.db, scope, request.body);
      reply.status(201);
      return view;
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '企业详情', params: IdParams, response: { 200: EnterpriseResponse } },
    },
    async (request) => {
      const scope = read.scope(request);
      return getEnterprise(ctx.db, scope, request.params.id);
    },
  );

  app.put(
    '/api/enterprises/:id',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '修改企业信息（带版本号）',
        params: IdParams,
        body: UpdateEnterpriseRequest,
        response: { 200: EnterpriseResponse },
      },
    },
    async (request) => {
      const scope = manage.scope(request);
      return updateEnterprise(ctx.db, scope, request.params.id, request.body);
    },
  );

  app.post(
    '/api/enterprises/:id/status',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '开业/停产/关闭（带版本号）',
        params: IdParams,
        body: ChangeEnterpriseStatusRequest,
        response: { 200: EnterpriseResponse },
      },
    },
    async (request) => {
      const scope = manage.scope(request);
      return changeEnterpriseStatus(ctx.db, scope, request.params.id, request.body);
    },
  );

  app.get(
    '/api/enterprises/:id/versions',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '企业信息的历史版本', params: IdParams, response: { 200: EnterpriseVersionsResponse } },
    },
    async (request) => {
      const scope = read.scope(request);
      return getEnterpriseVersions(ctx.db, scope, request.params.id);
    },
  );

  app.post(
    '/api/enterprises/:id/accounts',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '绑定企业账号',
        params: IdParams,
        body: BindAccountRequest,
        response: { 200: BindAccountResponse },
      },
    },
    async (request) => {
      const scope = manage.scope(request);
      return bindEnterpriseAccount(ctx.db, scope, request.params.id, request.body.username);
    },
  );

  app.post(
    '/api/enterprises/import',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '导入企业名录（.xlsx/.csv；dryRun=1 只预览不写入）。multipart: file',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportEnterprisesResponse },
      },
    },
    async (request) => {
      const scope = manage.scope(request);
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
      const upload = await readUpload(request);
      const plan = await planEnterpriseImport(ctx.db, scope.orgUnitId, upload.bytes, upload.fileName);
      if (dryRun) return presentImportPlan(plan, true);
      const counts = await commitEnterpriseImport(ctx.db, scope, plan);
      return presentImportPlan(plan, false, counts);
    },
  );

  app.get(
    '/api/enterprise-catalogue',
    {
      preValidation: read.preValidation,
      schema: { tags, summary: '行业、专项标签和风险等级目录', response: { 200: CatalogueResponse } },
    },
    async () => getCatalogue(ctx.db),
  );

  app.post(
    '/api/enterprise-catalogue',
    {
      preValidation: manage.preValidation,
      schema: {
        tags,
        summary: '新增目录项（行业/标签/风险等级）',
        body: AddCatalogueItemRequest,
        response: { 201: CatalogueItem },
      },
    },
    async (request, reply) => {
      const scope = manage.scope(request);
      const item = await addCatalogueItem(ctx.db, scope, request.body);
      reply.status(201);
      return item;
    },
  );

  app.get(
    '/api/supervision-list',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '安全生产监管责任清单',
        querystring: SupervisionListQuery,
        response: { 200: SupervisionListResponse },
      },
    },
    async (request) => buildSupervisionList(ctx.db, read.scope(request).orgUnitId, request.query),
  );

  app.get(
    '/api/supervision-list/export',
    {
      preValidation: read.preValidation,
      schema: {
        tags,
        summary: '导出安全生产监管责任清单（.xlsx / PDF，正式版式）',
        querystring: SupervisionListExportQuery,
      },
    },
    async (request, reply) => {
      const list = await buildSupervisionList(ctx.db, read.scope(request).orgUnitId);
      const xlsx = request.query.format === 'xlsx';
      const bytes = xlsx ? await renderSupervisionListXlsx(list) : await renderSupervisionListPdf(list);
      return reply
        .header(
          'content-type',
          xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
        )
        .header('content-disposition', attachmentDisposition(`${list.title}（${list.asOf}）.${xlsx ? 'xlsx' : 'pdf'}`))
        .send(bytes);
    },
  );

  /** The public list: no session, no phone numbers, no internal ids (the rows carry neither). */
  app.get(
    '/api/public/supervision-list',
    {
      schema: {
        tags,
        summary: '安全生产监管责任清单（公开，无需登录；q 搜索，limit/offset 分页）',
        querystring: SupervisionListQuery,
        response: { 200: SupervisionListResponse },
      },
    },
    async (request) => {
      const unit = await resolvePublicUnit(ctx.db, ctx.scope, publicUnitCode(request.url));
      return buildSupervisionList(ctx.db, unit.orgUnitId, request.query);
    },
  );
}
