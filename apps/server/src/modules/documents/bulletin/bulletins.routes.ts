import {
  BulletinExportQuery,
  BulletinIdParams,
  BulletinListResponse,
  BulletinResponse,
  CreateBulletinRequest,
  ListBulletinsQuery,
  PublishBulletinRequest,
  UpdateBulletinRequest,
} from '@duban/shared/contracts/bulletins';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app-context.ts';
import { requirePrincipal } from '../../../core/principal.ts';
import { attachmentDisposition } from '../../progress/evidence-file-name.ts';
import { exportBulletin } from './bulletin-export.ts';
import { bulletinReadScope, bulletinWriteScope } from './bulletins.policy.ts';
import { createBulletin, editBulletin, getBulletin, listBulletins, publishBulletin } from './bulletins.service.ts';

const tags = ['reports'];

/** Bulletins (通报): draft for a period, edit the text (versioned), publish, read, export .docx/PDF. */
export async function bulletinsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/bulletins',
    {
      schema: {
        tags,
        summary: '为一个统计期间起草通报（按期末的完成率、红黄绿灯、逾期事项生成初稿）',
        body: CreateBulletinRequest,
        response: { 201: BulletinResponse },
      },
    },
    async (request, reply) => {
      const bulletin = await createBulletin(
        ctx.db,
        bulletinWriteScope(requirePrincipal(request.principal)),
        request.body,
      );
      reply.status(201);
      return bulletin;
    },
  );

  app.get(
    '/api/bulletins',
    {
      schema: {
        tags,
        summary: '通报列表（部门只看到已发布的）',
        querystring: ListBulletinsQuery,
        response: { 200: BulletinListResponse },
      },
    },
    async (request) =>
      listBulletins(ctx.db, bulletinReadScope(requirePrincipal(request.principal)), request.query.year),
  );

  app.get(
    '/api/bulletins/:id',
    { schema: { tags, summary: '通报详情', params: BulletinIdParams, response: { 200: BulletinResponse } } },
    async (request) => getBulletin(ctx.db, bulletinReadScope(requirePrincipal(request.principal)), request.params.id),
  );

  app.patch(
    '/api/bulletins/:id',
    {
      schema: {
        tags,
        summary: '修改通报草稿的标题或正文（需当前 version）',
        params: BulletinIdParams,
        body: UpdateBulletinRequest,
        response: { 200: BulletinResponse },
      },
    },
    async (request) =>
      editBulletin(ctx.db, bulletinWriteScope(requirePrincipal(request.principal)), request.params.id, request.body),
  );

  app.post(
    '/api/bulletins/:id/publish',
    {
      schema: {
        tags,
        summary: '发布通报（发布后不能再修改）',
        params: BulletinIdParams,
        body: PublishBulletinRequest,
        response: { 200: BulletinResponse },
      },
    },
    async (request) =>
      publishBulletin(
        ctx.db,
        bulletinWriteScope(requirePrincipal(request.principal)),
        request.params.id,
        request.body.version,
      ),
  );

  app.get(
    '/api/bulletins/:id/export',
    {
      schema: {
        tags,
        summary: '导出通报：docx | pdf',
        params: BulletinIdParams,
        querystring: BulletinExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const scope = bulletinReadScope(requirePrincipal(request.principal));
      const file = await exportBulletin(ctx.db, scope, request.params.id, request.query.format);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(file.bytes);
    },
  );
}
