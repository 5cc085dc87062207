import { z } from 'zod';

/** The holiday calendar (State Council 放假安排 with 调休 workdays) the working-day arithmetic uses. */
export const HolidayYearResponse = z.object({
  year: z.number().int(),
  source: z.string(),
  /** bundled: shipped with the software; loaded: stored by `duban` from a newer notice (it overrides the bundled). */
  origin: z.enum(['bundled', 'loaded']),
  holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(z.string()),
});
export type HolidayYearResponse = z.infer<typeof HolidayYearResponse>;

export const HolidayCalendarResponse = z.object({ years: z.array(HolidayYearResponse) });
export type HolidayCalendarResponse = z.infer<typeof HolidayCalendarResponse>;
