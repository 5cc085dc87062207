import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { bulletinsRoutes } from './bulletin/bulletins.routes.ts';
import { exportsRoutes } from './export/exports.routes.ts';

/** The reports module's documents: task-list exports and returned sheets, and bulletins (通报). */
export async function reportFilesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await exportsRoutes(app, ctx);
  await bulletinsRoutes(app, ctx);
}
