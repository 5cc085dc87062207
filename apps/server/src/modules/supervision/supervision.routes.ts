import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

/** Routes of the supervision domain (being built). */
export async function supervisionRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
