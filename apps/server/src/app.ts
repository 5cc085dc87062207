import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { tasklistsRoutes } from './modules/tasklists/tasklists.routes.ts';

const WEB_ROOT = fileURLToPath(new URL('../../web/public/', import.meta.url));

/** Builds the HTTP app without listening, so tests can call it through `app.inject`. */
export async function buildApp(ctx: AppContext, options: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: options.logLevel ?? 'silent' } });
  registerErrorHandler(app);
  app.get('/api/health', async () => ({ status: 'ok', database: ctx.dialect }));
  await tasklistsRoutes(app, ctx);
  if (existsSync(WEB_ROOT)) await app.register(fastifyStatic, { root: WEB_ROOT });
  return app;
}
