import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext, ServedContext } from './app-context.ts';
import { MAX_UPLOAD_BYTES } from './core/limits.ts';
import { registerAuth } from './http/auth-plugin.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { calendarFeedsRoutes } from './modules/calendar-feeds/calendar-feeds.routes.ts';
import { departmentsRoutes } from './modules/departments/departments.routes.ts';
import { dashboardRoutes } from './modules/documents/dashboard.routes.ts';
import { reportFilesRoutes } from './modules/documents/report-files.routes.ts';
import { enterprisesRoutes } from './modules/enterprises/enterprises.routes.ts';
import { expertsRoutes } from './modules/experts/experts.routes.ts';
import { hazardsRoutes } from './modules/hazards/hazards.routes.ts';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { progressRoutes } from './modules/progress/progress.routes.ts';
import { localEvidenceStorage } from './modules/progress/storage/open-evidence-storage.ts';
import { publicPortalRoutes } from './modules/public-portal/portal.routes.ts';
import { registerVersionLease } from './modules/read-models/version-lease.ts';
import { remindersRoutes } from './modules/reminders/reminders.routes.ts';
import { rollupRoutes } from './modules/rollup/rollup.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { tasklistsRoutes } from './modules/tasklists/tasklists.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { publicDeps, whistleblowingRoutes } from './modules/whistleblowing/whistleblowing.routes.ts';

/** The built web app (apps/web/dist, from `npm run build:web`); the placeholder page when it was not built. */
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const WEB_PLACEHOLDER = fileURLToPath(new URL('../../web/public/', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

/** Builds the HTTP app without listening, so tests can call it through `app.inject`. */
export async function buildApp(
  ctx: AppContext,
  options: { logLevel?: string; trustProxy?: boolean | string } = {},
): Promise<FastifyInstance> {
  // trustProxy: config TRUST_PROXY (README: behind a reverse proxy); false = the socket address is the client.
  const tp = options.trustProxy ?? false;
  const hops = typeof tp === 'string' && /^\d+$/.test(tp) ? Number(tp) : null;
  const trustProxy = hops === null ? tp : (_address: string, hop: number) => hop < hops;
  const app = Fastify({ logger: { level: options.logLevel ?? 'silent' }, trustProxy });
  // Every route registered, for the role × route matrix test and the docs.
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Brotli at quality 4: most of the size win at a fraction of the default quality-11 cost on every JSON response.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // Security headers: a strict CSP (no inline or foreign script, no framing), no referrer to other sites, nosniff;
  // HSTS only behind TLS (COOKIE_SECURE=true), because over plain HTTP it would lock browsers out.
  // (Helmet's headers, worked out once at start: http/security-headers.ts.)
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's CSS-in-JS inserts <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(ctx.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: ctx.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 10, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '督办 Duban API', description: '安全生产治本攻坚三年行动任务清单督办平台', version: '0.1.0' },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'duban_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerAuth(app, ctx.db);
  registerVersionLease(app);

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查' } }, async () => ({
    status: 'ok',
    database: ctx.dialect,
  }));
  await authRoutes(app, ctx);
  await usersRoutes(app, ctx);
  await departmentsRoutes(app, ctx);
  await tasklistsRoutes(app, ctx);
  // One file store for every module that stores uploads (main.ts opens the configured one).
  const served: ServedContext = { ...ctx, storage: ctx.storage ?? localEvidenceStorage(ctx.dataDir) };
  await progressRoutes(app, served);
  await supervisionRoutes(app, ctx);
  await dashboardRoutes(app, ctx);
  await reportFilesRoutes(app, ctx);
  await notificationsRoutes(app, ctx);
  await remindersRoutes(app, ctx);
  await calendarFeedsRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await inspectionsRoutes(app, served);
  await expertsRoutes(app, ctx);
  await enterprisesRoutes(app, ctx);
  await hazardsRoutes(app, served);
  await rollupRoutes(app, ctx);
  const whistle = publicDeps(served);
  await whistleblowingRoutes(app, served, whistle);
  await publicPortalRoutes(app, ctx, whistle);
  const webRoot = existsSync(`${WEB_DIST}index.html`) ? WEB_DIST : WEB_PLACEHOLDER;
  await app.register(fastifyStatic, { root: webRoot });
  // Client-side routes (/tasks, /inbox …) get the app's index.html; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `未找到 ${request.method} ${request.url}`, details: null } });
  });
  return app;
}
