import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

export interface CalendarReadScope {
  orgUnitId: number;
}

/** The loaded holiday years are an office setting: the office reads them. */
export function calendarReadScope(p: Principal): CalendarReadScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以查看节假日设置 (office only)');
  return { orgUnitId: p.orgUnitId };
}
