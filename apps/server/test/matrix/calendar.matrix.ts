import { domainMatrix, OFFICE_ONLY } from './matrix-types.ts';

/** The holiday calendar (settings, issue 13): the office reads it. */
export const calendarMatrix = domainMatrix({
  name: 'calendar',
  setup: async () => ({}),
  cases: [
    {
      route: 'GET /api/holiday-calendar',
      request: () => ({ method: 'GET', url: '/api/holiday-calendar' }),
      access: OFFICE_ONLY,
    },
  ],
});
