import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

/** Routes of the progress domain (being built). */
export async function progressRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
