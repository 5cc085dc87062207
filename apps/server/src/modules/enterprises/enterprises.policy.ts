import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';

/**
 * Who may see and change enterprises, in one place.
 * - office (office_admin, office_staff): every enterprise of the unit; creates, edits, imports, opens and closes;
 * - leaders: read every enterprise, write nothing;
 * - department users: read only the enterprises their department supervises (any role), write nothing;
 * - enterprise accounts: read only the enterprise their account is bound to (users.enterprise_id), write nothing
 *   here (their hazards go through modules/hazards);
 * - the public: only the supervision list (no phones, no internal ids).
 * A record outside the caller's reach answers exactly like a record that does not exist (404).
 */
export interface EnterpriseScope {
  orgUnitId: number;
  /** Set for a department user: only enterprises this department supervises. */
  departmentId: number | null;
  /** Set for an enterprise account: only this enterprise (-1 when the account is bound to none: sees nothing). */
  enterpriseId: number | null;
}

export interface EnterpriseActingScope extends EnterpriseScope {
  userId: number;
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

/**
 * What the principal may read. `boundEnterpriseId` is the account's users.enterprise_id (only read for the
 * enterprise role; see enterprises.service resolveEnterpriseScope).
 */
export function enterpriseReadScope(p: Principal, boundEnterpriseId: number | null = null): EnterpriseScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, departmentId: null, enterpriseId: null };
  if (p.role === 'department' && p.departmentId !== null) {
    return { orgUnitId: p.orgUnitId, departmentId: p.departmentId, enterpriseId: null };
  }
  if (p.role === 'enterprise')
    return { orgUnitId: p.orgUnitId, departmentId: null, enterpriseId: boundEnterpriseId ?? -1 };
  throw forbidden();
}

/** Creating, editing, importing, opening and closing enterprises, the catalogue, binding accounts: the office only. */
export function enterpriseManageScope(p: Principal): EnterpriseActingScope {
  if (!isOffice(p)) throw forbidden();
  return { orgUnitId: p.orgUnitId, departmentId: null, enterpriseId: null, userId: requireUserId(p), actor: p.actor };
}

/** Whether a scope reaches every enterprise of its unit (office, leader). */
export function seesWholeUnit(scope: EnterpriseScope): boolean {
  return scope.departmentId === null && scope.enterpriseId === null;
}

export const enterpriseNotFound = () => new AppError('not_found', '企业不存在 (enterprise not found)');
