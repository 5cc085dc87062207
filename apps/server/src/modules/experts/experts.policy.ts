import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';

/**
 * Who may do what with the expert pool (专家库), in one place: the office manages; leaders and department users
 * read; enterprises have no access.
 */
export interface ExpertReadScope {
  orgUnitId: number;
}

export interface ExpertManageScope extends ExpertReadScope {
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

export function expertReadScope(p: Principal): ExpertReadScope {
  if (isOffice(p) || p.role === 'leader' || (p.role === 'department' && p.departmentId !== null))
    return { orgUnitId: p.orgUnitId };
  throw forbidden();
}

/** Writes name their author: a signed-in office account (an API token is refused). */
export function expertManageScope(p: Principal): ExpertManageScope {
  if (!isOffice(p)) throw forbidden();
  requireUserId(p);
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}
