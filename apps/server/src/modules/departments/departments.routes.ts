import { OkResponse } from '@duban/shared/contracts/auth';
import {
  DepartmentIdParams,
  ListDepartmentsResponse,
  MergeDepartmentRequest,
  MergeDepartmentResponse,
  UpdateDepartmentRequest,
} from '@duban/shared/contracts/departments';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { departmentsManageScope, departmentsReadScope } from './departments.policy.ts';
import { confirmImportedDepartment, listDepartmentRegistry } from './departments.service.ts';
import { mergeDepartments } from './merge-departments.ts';
import { updateDepartment } from './update-department.ts';

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

  const manage = routePolicy(departmentsManageScope);
  app.patch(
    '/api/departments/:id',
    {
      preValidation: manage.preValidation,
      schema: {
        tags: ['departments'],
        summary: '修改部门：改名（原名保留为别名）、别名、撤销或恢复',
        params: DepartmentIdParams,
        body: UpdateDepartmentRequest,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await updateDepartment(ctx.db, manage.scope(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/departments/:id/merge',
    {
      preValidation: manage.preValidation,
      schema: {
        tags: ['departments'],
        summary: '把本部门合并到另一个部门（职责、报送、督办、延期、账号、企业监管等全部移过去）',
        params: DepartmentIdParams,
        body: MergeDepartmentRequest,
        response: { 200: MergeDepartmentResponse },
      },
    },
    async (request) => mergeDepartments(ctx.db, manage.scope(request), request.params.id, request.body.intoId),
  );
}
