import { readdirSync, readFileSync } from 'node:fs';
import { type HolidayYear, validateHolidayYear, WorkdayCalendar } from '@duban/shared/workdays/holiday-calendar';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { listHolidayYears, upsertHolidayYear } from './calendar.repository.ts';

const BUNDLED_DIR = new URL('../../../seed/holidays/', import.meta.url);

/** The bundled arrangements (2024–2026), read once. */
export function bundledHolidayYears(): HolidayYear[] {
  return readdirSync(BUNDLED_DIR)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(new URL(f, BUNDLED_DIR), 'utf8')) as HolidayYear);
}

/** Bundled years, overridden or extended by the years loaded into the database. */
export async function loadWorkdayCalendar(db: Db): Promise<WorkdayCalendar> {
  const byYear = new Map(bundledHolidayYears().map((y) => [y.year, y]));
  for (const row of await listHolidayYears(db)) byYear.set(row.year, JSON.parse(row.data) as HolidayYear);
  return new WorkdayCalendar([...byYear.values()]);
}

/** Validates and stores one year's arrangement (a new State Council notice). */
export async function loadHolidayYear(db: Db, raw: unknown, actor: string): Promise<HolidayYear> {
  const y = raw as HolidayYear;
  if (!y || typeof y !== 'object' || !Array.isArray(y.holidays) || !Array.isArray(y.workdays)) {
    throw new AppError(
      'validation_failed',
      '节假日文件格式应为 {year, source, holidays:[{name,from,to}], workdays:[…]}',
    );
  }
  try {
    validateHolidayYear(y);
  } catch (error) {
    throw new AppError('validation_failed', (error as Error).message);
  }
  await db.transaction().execute(async (trx) => {
    await upsertHolidayYear(trx, y.year, JSON.stringify(y), new Date().toISOString());
    await appendAudit(trx, {
      orgUnitId: null,
      actor,
      action: 'calendar.load_year',
      entity: 'holiday_year',
      entityId: y.year,
      after: y,
    });
  });
  return y;
}
