import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

/** What the dashboard shows: the figures of the principal's unit. */
export interface DashboardScope {
  orgUnitId: number;
}

/** Who reads the dashboard: the office and leaders. Departments work from their inbox instead. */
export function dashboardScope(p: Principal): DashboardScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId };
  throw new AppError('forbidden', '没有权限查看督办看板 (forbidden)');
}
