import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUser } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/**
 * Who may do what with notifications. Every signed-in account has its own notification centre and preferences
 * (another account's notification answers like a missing one). Channels and the delivery log are the office's.
 */
const CENTRE_USERS: readonly UserRole[] = ['office_admin', 'office_staff', 'leader', 'department', 'enterprise'];

/** Every role has a notification centre of its own. */
export function centreScope(p: Principal): Principal {
  if (!CENTRE_USERS.includes(p.role)) throw new AppError('forbidden', '没有权限执行此操作 (forbidden)');
  return p;
}

/** Channels and the delivery log: the office. */
export function channelManagerScope(p: Principal): { orgUnitId: number; actor: string } {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以管理通知渠道 (office only)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}

/** The account whose centre this is; a token without a user has none. */
export function centreOwner(p: Principal): number {
  return requireUser(p);
}

export function notificationNotFound(): AppError {
  return new AppError('not_found', '通知不存在 (notification not found)');
}

export function channelNotFound(): AppError {
  return new AppError('not_found', '通知渠道不存在 (channel not found)');
}
