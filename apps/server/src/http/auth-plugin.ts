import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/app-error.ts';
import type { Principal } from '../core/principal.ts';
import { principalForUnit, requestedUnit } from '../core/unit-scope.ts';
import type { Db } from '../db/database.ts';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service.ts';
import { SESSION_COOKIE } from '../modules/auth/session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; null when nobody signed in. Routes hand it to their module's policy. */
    principal: Principal | null;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves `request.principal` from a bearer API token or the session cookie. Cookie-authenticated writes must
 * carry the session's CSRF token in the X-CSRF-Token header (bearer tokens are not sent by browsers on their own).
 * A request naming a unit (X-Duban-Unit header or `unit` query) acts on it read-only when it lies in the principal's
 * subtree, 403 otherwise (core/unit-scope.ts).
 */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const principal = await resolveApiToken(db, authorization.slice('Bearer '.length).trim());
      if (!principal) throw new AppError('unauthorized', 'API 令牌无效或已撤销 (invalid or revoked token)');
      request.principal = principalForUnit(
        principal,
        requestedUnit(request.headers, request.query, request.cookies, request.method),
        request.method,
      );
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token);
    if (!session) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('csrf_failed', '请求缺少有效的 CSRF 令牌，请刷新页面后重试 (missing or wrong CSRF token)');
    }
    request.principal = principalForUnit(
      session.principal,
      requestedUnit(request.headers, request.query, request.cookies, request.method),
      request.method,
    );
  });
}
