import { OkResponse } from '@duban/shared/contracts/auth';
import { DepartmentIdParams, ListDepartmentsResponse } from '@duban/shared/contracts/departments';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { departmentsManageScope, departmentsReadScope } from './departments.policy.ts';
import { confirmImportedDepartment, listDepartmentRegistry } from './departments.service.ts';

export async function departmentsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/departments',
    {
      schema: {
        tags: ['departments'],
        summary: '部门库（含别名、成员单位、待确认标记）',
        response: { 200: ListDepartmentsResponse },
      },
    },
    async (request) => {
      const scope = departmentsReadScope(requirePrincipal(request.principal));
      return { departments: await listDepartmentRegistry(ctx.db, scope.orgUnitId) };
    },
  );
  app.post(
    '/api/departments/:id/confirm',
    {
      schema: {
        tags: ['departments'],
        summary: '确认导入时新建的部门',
        params: DepartmentIdParams,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      const scope = departmentsManageScope(requirePrincipal(request.principal));
      await confirmImportedDepartment(ctx.db, scope, request.params.id);
      return { ok: true as const };
    },
  );
}
