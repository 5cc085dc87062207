import type { HolidayCalendarResponse } from '@duban/shared/contracts/calendar';
import type { HolidayYear } from '@duban/shared/workdays/holiday-calendar';
import type { Db } from '../../db/database.ts';
import type { CalendarReadScope } from './calendar.policy.ts';
import { listHolidayYears } from './calendar.repository.ts';
import { bundledHolidayYears } from './calendar.service.ts';

/** Every year the working-day arithmetic knows, bundled or loaded (a loaded year replaces the bundled one). */
export async function listHolidayCalendar(db: Db, _scope: CalendarReadScope): Promise<HolidayCalendarResponse> {
  const byYear = new Map<number, HolidayYear & { origin: 'bundled' | 'loaded' }>();
  for (const y of bundledHolidayYears()) byYear.set(y.year, { ...y, origin: 'bundled' });
  for (const row of await listHolidayYears(db)) {
    const y = JSON.parse(row.data) as HolidayYear;
    byYear.set(row.year, { ...y, origin: 'loaded' });
  }
  const years = [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      year: y.year,
      source: y.source,
      origin: y.origin,
      holidays: y.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to })),
      workdays: [...y.workdays],
    }));
  return { years };
}
