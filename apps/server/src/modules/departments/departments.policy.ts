import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

/** Department names are not secret inside the unit: the office, leaders and departments read the registry. */
export function assertCanReadDepartments(p: Principal): void {
  if (!isOffice(p) && p.role !== 'leader' && p.role !== 'department') {
    throw new AppError('forbidden', '没有权限查看部门库 (forbidden)');
  }
}

export function assertCanManageDepartments(p: Principal): void {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以管理部门库 (office only)');
}
