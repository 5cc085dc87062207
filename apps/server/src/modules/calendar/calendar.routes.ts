import { HolidayCalendarResponse } from '@duban/shared/contracts/calendar';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { requirePrincipal } from '../../core/principal.ts';
import { calendarReadScope } from './calendar.policy.ts';
import { listHolidayCalendar } from './list-holiday-calendar.ts';

export async function calendarRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/holiday-calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: '节假日安排（内置与已加载的年份，含调休上班日）',
        response: { 200: HolidayCalendarResponse },
      },
    },
    async (request) => listHolidayCalendar(ctx.db, calendarReadScope(requirePrincipal(request.principal))),
  );
}
