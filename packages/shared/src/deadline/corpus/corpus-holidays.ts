/** Test helper: the holiday calendar shipped with the server (apps/server/seed/holidays), as a parseDeadline lookup. */
import { readdirSync, readFileSync } from 'node:fs';
import type { ParseDeadlineOptions } from '../deadline.types.ts';

const DIR = new URL('../../../../../apps/server/seed/holidays/', import.meta.url);

interface HolidayFile {
  year: number;
  holidays: { name: string; from: string; to: string }[];
}

export function shippedHolidays(): NonNullable<ParseDeadlineOptions['holidays']> {
  const years = new Map<number, HolidayFile>();
  for (const name of readdirSync(DIR)) {
    if (!name.endsWith('.json')) continue;
    const file = JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as HolidayFile;
    years.set(file.year, file);
  }
  return (name, year) => years.get(year)?.holidays.find((h) => h.name.split(/[、,，]/).includes(name)) ?? null;
}
