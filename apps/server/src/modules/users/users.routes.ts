import { OkResponse } from '@duban/shared/contracts/auth';
import {
  CreateUserRequest,
  CreateUserResponse,
  ListUsersResponse,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserIdParams,
} from '@duban/shared/contracts/users';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { resetPassword } from '../auth/auth.service.ts';
import { updateUser } from './update-user.ts';
import { accountAdminScope, accountCreateScope, usersReadScope } from './users.policy.ts';
import { listUsers } from './users.repository.ts';
import { createUser } from './users.service.ts';

export async function usersRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: '用户列表', response: { 200: ListUsersResponse } } },
    async (request) => {
      const scope = usersReadScope(requirePrincipal(request.principal));
      const rows = await listUsers(ctx.db, scope.orgUnitId);
      return {
        users: rows.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          departmentId: u.department_id,
          departmentName: u.department_name,
          isHead: u.is_head === 1,
          disabled: u.disabled === 1,
          lockedUntil: u.locked_until,
          mustChangePassword: u.must_change_password === 1,
          version: u.version,
        })),
      };
    },
  );

  app.post(
    '/api/users',
    {
      schema: { tags: ['users'], summary: '新建用户', body: CreateUserRequest, response: { 201: CreateUserResponse } },
    },
    async (request, reply) => {
      const scope = accountCreateScope(requirePrincipal(request.principal), request.body.unitCode);
      const id = await createUser(ctx.db, scope, request.body);
      reply.status(201);
      return { id };
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: '管理员重置密码',
        params: UserIdParams,
        body: ResetPasswordRequest,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      const scope = accountAdminScope(requirePrincipal(request.principal));
      await resetPassword(ctx.db, scope, request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  const admin = routePolicy(accountAdminScope);
  app.patch(
    '/api/users/:id',
    {
      preValidation: admin.preValidation,
      schema: {
        tags: ['users'],
        summary: '修改账号（姓名、角色、部门、负责人）或停用/启用',
        params: UserIdParams,
        body: UpdateUserRequest,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await updateUser(ctx.db, admin.scope(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
}
