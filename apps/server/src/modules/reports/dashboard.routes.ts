import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

/** Dashboard read-model routes (being built). */
export async function dashboardRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
