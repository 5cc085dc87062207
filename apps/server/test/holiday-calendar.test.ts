import { beforeAll, expect, it } from 'vitest';
import { loadHolidayYear } from '../src/modules/calendar/calendar.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/** Issue 13 item 3: the holiday calendar settings page reads the years the working-day arithmetic uses. */
describeEachDatabase('holiday calendar: GET /api/holiday-calendar', (get) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(get());
  });

  it('lists the bundled years with holidays and 调休 workdays; a loaded year replaces the bundled one', async () => {
    const before = await t.as('staff', { method: 'GET', url: '/api/holiday-calendar' });
    expect(before.statusCode).toBe(200);
    const years = before.json().years as { year: number; origin: string; holidays: unknown[]; workdays: string[] }[];
    expect(years.map((y) => y.year)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    const y2026 = years.find((y) => y.year === 2026);
    expect(y2026?.origin).toBe('bundled');
    expect(y2026?.holidays.length).toBeGreaterThan(0);

    await loadHolidayYear(
      get().handle.db,
      {
        year: 2027,
        source: '测试通知',
        holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
        workdays: [],
      },
      'user:1',
    );
    const after = (await t.as('admin', { method: 'GET', url: '/api/holiday-calendar' })).json().years as {
      year: number;
      origin: string;
      source: string;
    }[];
    expect(after.find((y) => y.year === 2027)).toMatchObject({ origin: 'loaded', source: '测试通知' });
    expect(after.map((y) => y.year)).toEqual([...after.map((y) => y.year)].sort((a, b) => a - b));
  });

  it('is an office setting: a leader or a department is refused', async () => {
    expect((await t.as('leader', { method: 'GET', url: '/api/holiday-calendar' })).statusCode).toBe(403);
    expect((await t.as('dept_a', { method: 'GET', url: '/api/holiday-calendar' })).statusCode).toBe(403);
  });
});
