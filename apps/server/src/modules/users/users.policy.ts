import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUser } from '../../core/principal.ts';
import { requireUnitInScope } from '../../core/unit-scope.ts';

/**
 * Who may see and manage accounts, in one place.
 * - the office (office_admin, office_staff) reads the unit's accounts;
 * - creating accounts and resetting passwords: an office administrator signed in as a person (an API token never
 *   manages accounts, whatever its role);
 * - leaders, departments and enterprises: nothing here (their own password is auth's business).
 */
export interface UsersReadScope {
  orgUnitId: number;
}

export interface AccountAdminScope {
  orgUnitId: number;
  actor: string;
  userId: number;
}

export function usersReadScope(p: Principal): UsersReadScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以查看用户 (office only)');
  return { orgUnitId: p.orgUnitId };
}

export function accountAdminScope(p: Principal): AccountAdminScope {
  if (p.role !== 'office_admin')
    throw new AppError('forbidden', '只有安委办管理员可以管理账号 (office administrators only)');
  return { orgUnitId: p.orgUnitId, actor: p.actor, userId: requireUser(p) };
}

/**
 * Where an office administrator creates an account: its own unit, or (unitCode) a unit of its subtree — a city's
 * administrator sets up its zones' first accounts. Any other unit is 403.
 */
export function accountCreateScope(p: Principal, unitCode: string | undefined): AccountAdminScope {
  const scope = accountAdminScope(p);
  return unitCode ? { ...scope, orgUnitId: requireUnitInScope(p, unitCode).id } : scope;
}
