import { AppError } from '../../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../../core/principal.ts';

/**
 * Who may do what with bulletins (通报): the office drafts, edits and publishes; leaders read drafts and published
 * ones; departments read published ones only (a draft answers like a missing bulletin); enterprises nothing.
 */
export interface BulletinReadScope {
  orgUnitId: number;
  publishedOnly: boolean;
}

export interface BulletinWriteScope {
  orgUnitId: number;
  userId: number;
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

export function bulletinReadScope(p: Principal): BulletinReadScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, publishedOnly: false };
  if (p.role === 'department' && p.departmentId !== null) return { orgUnitId: p.orgUnitId, publishedOnly: true };
  throw forbidden();
}

export function bulletinWriteScope(p: Principal): BulletinWriteScope {
  if (!isOffice(p)) throw forbidden();
  return { orgUnitId: p.orgUnitId, userId: requireUserId(p), actor: p.actor };
}

export const bulletinNotFound = () => new AppError('not_found', '通报不存在 (bulletin not found)');
