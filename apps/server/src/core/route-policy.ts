import type { FastifyRequest } from 'fastify';
import { type Principal, requirePrincipal } from './principal.ts';

/**
 * How a route calls its module's policy: once, before the body and query are validated (so the anonymous get 401
 * and a role without access 403 whatever they send, and learn nothing about the request's shape), and the handler
 * reads the scope that call produced.
 *
 *   const write = routePolicy(reminderPolicyWriteScope);           // in <domain>.routes.ts
 *   app.put(url, { preValidation: write.preValidation, schema }, async (request) =>
 *     setReminderPolicy(ctx.db, write.scope(request), …));
 *
 * A policy that needs the database (an inspector's team, an enterprise binding) is async: `routePolicy((p) =>
 * inspectionScope(db, p))`.
 * This replaces the per-module `only(roles)` helpers: what a role may do is written in <domain>.policy.ts only.
 * (Type-only use of Fastify's request type; nothing here registers anything.)
 */
export interface RoutePolicy<S> {
  preValidation: (request: FastifyRequest) => Promise<void>;
  scope: (request: FastifyRequest) => S;
}

export function routePolicy<S>(policy: (p: Principal) => S | Promise<S>): RoutePolicy<S> {
  const scopes = new WeakMap<FastifyRequest, { value: S }>();
  return {
    preValidation: async (request) => {
      scopes.set(request, { value: await policy(requirePrincipal(request.principal)) });
    },
    scope: (request) => {
      const entry = scopes.get(request);
      if (!entry) throw new Error('routePolicy: the route does not run this policy in preValidation');
      return entry.value;
    },
  };
}
