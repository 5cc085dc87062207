import { readFileSync } from 'node:fs';
import { isCivilDate } from '@duban/shared/civil-date';
import { prepareDatabase } from '../bootstrap.ts';
import { loadHolidayYear, loadWorkdayCalendar } from '../modules/calendar/calendar.service.ts';
import { CliError } from './cli-output.ts';

export const WORKDAYS_USAGE = `用法:
  duban workdays add <YYYY-MM-DD> <n>     打印 n 个工作日之后的日期（n 为负数则向前），按国务院放假调休安排
  duban workdays load <年份.json>          导入新一年的放假安排 {year, source, holidays:[{name,from,to}], workdays:[…]}`;

export async function workdaysCommand(argv: string[], databaseUrl: string): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') {
    const [date, nText] = rest;
    if (!date || !isCivilDate(date)) throw new CliError(`日期应为 YYYY-MM-DD\n${WORKDAYS_USAGE}`, 2);
    const n = Number(nText);
    if (nText === undefined || !Number.isInteger(n)) throw new CliError(`n 应为整数\n${WORKDAYS_USAGE}`, 2);
    const prepared = await prepareDatabase(databaseUrl);
    try {
      const calendar = await loadWorkdayCalendar(prepared.handle.db);
      console.log(calendar.addWorkingDays(date, n));
      return 0;
    } finally {
      await prepared.handle.close();
    }
  }
  if (sub === 'load') {
    const file = rest[0];
    if (!file) throw new CliError(WORKDAYS_USAGE, 2);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`无法读取 ${file}: ${(error as Error).message}`);
    }
    const prepared = await prepareDatabase(databaseUrl);
    try {
      const y = await loadHolidayYear(prepared.handle.db, raw, 'cli');
      console.log(`已导入 ${y.year} 年放假安排：${y.holidays.length} 个假期，${y.workdays.length} 个调休上班日`);
      return 0;
    } finally {
      await prepared.handle.close();
    }
  }
  throw new CliError(WORKDAYS_USAGE, 2);
}
