import {
  ApiTokenIdParams,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  ListApiTokensResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  OkResponse,
} from '@duban/shared/contracts/auth';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { type Principal, requirePrincipal } from '../../core/principal.ts';
import { routePolicy } from '../../core/route-policy.ts';
import { type OrgUnitNode, unitInScope } from '../../core/unit-scope.ts';
import { selfScope, tokenAdminScope } from './auth.policy.ts';
import {
  changePassword,
  createApiToken,
  listApiTokens,
  login,
  logout,
  principalProfile,
  resolveSession,
  revokeApiToken,
  SESSION_HOURS,
} from './auth.service.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

const presentPrincipal = (
  p: Principal,
  profile: { displayName: string | null; departmentName: string | null } = { displayName: null, departmentName: null },
) => ({
  kind: p.kind,
  userId: p.userId,
  username: p.username,
  role: p.role,
  departmentId: p.departmentId,
  isHead: p.isHead,
  mustChangePassword: p.mustChangePassword ?? false,
  displayName: profile.displayName,
  departmentName: profile.departmentName,
  unit: presentUnit(unitInScope(p, p.orgUnitId)),
  readOnly: p.readOnly ?? false,
  units: (p.units ?? []).map((u) => presentUnit(u)).filter((u) => u !== undefined),
});

const presentUnit = (u: OrgUnitNode | undefined) =>
  u && { id: u.id, parentId: u.parentId, code: u.code, name: u.name, level: u.level };

/** Token management: a signed-in office administrator (never a token: tokens cannot mint or revoke tokens). */
const tokenAdmin = routePolicy(tokenAdminScope);

export async function authRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: LoginRequest, response: { 200: LoginResponse } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await login(ctx.db, request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      const profile = await principalProfile(ctx.db, result.principal);
      return {
        user: presentPrincipal(result.principal, profile),
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkResponse } } },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx.db, token, principal);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户（或 API 令牌的身份）', response: { 200: MeResponse } } },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const token = principal.kind === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      const session = token ? await resolveSession(ctx.db, token) : null;
      const profile = await principalProfile(ctx.db, principal);
      return { user: presentPrincipal(principal, profile), csrfToken: session?.csrfToken ?? null };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordRequest, response: { 200: OkResponse } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      await changePassword(
        ctx.db,
        selfScope(requirePrincipal(request.principal)),
        request.cookies[SESSION_COOKIE] ?? null,
        request.body.oldPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/api-tokens',
    {
      preValidation: tokenAdmin.preValidation,
      schema: { tags: ['auth'], summary: 'API 令牌列表', response: { 200: ListApiTokensResponse } },
    },
    async (request) => ({ tokens: await listApiTokens(ctx.db, tokenAdmin.scope(request)) }),
  );

  app.post(
    '/api/api-tokens',
    {
      preValidation: tokenAdmin.preValidation,
      schema: {
        tags: ['auth'],
        summary: '创建 API 令牌（只显示一次）',
        body: CreateApiTokenRequest,
        response: { 201: CreateApiTokenResponse },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(ctx.db, tokenAdmin.scope(request), request.body);
      reply.status(201);
      return created;
    },
  );

  app.post(
    '/api/api-tokens/:id/revoke',
    {
      preValidation: tokenAdmin.preValidation,
      schema: { tags: ['auth'], summary: '撤销 API 令牌', params: ApiTokenIdParams, response: { 200: OkResponse } },
    },
    async (request) => {
      await revokeApiToken(ctx.db, tokenAdmin.scope(request), request.params.id);
      return { ok: true as const };
    },
  );
}
