import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

export interface DepartmentsReadScope {
  orgUnitId: number;
}

export interface DepartmentsManageScope {
  orgUnitId: number;
  actor: string;
}

/** Department names are not secret inside the unit: the office, leaders and departments read the registry. */
export function departmentsReadScope(p: Principal): DepartmentsReadScope {
  if (!isOffice(p) && p.role !== 'leader' && p.role !== 'department') {
    throw new AppError('forbidden', '没有权限查看部门库 (forbidden)');
  }
  return { orgUnitId: p.orgUnitId };
}

/** Confirming and editing the registry: the office. */
export function departmentsManageScope(p: Principal): DepartmentsManageScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以管理部门库 (office only)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}
