import { AppError } from '../../core/app-error.ts';
import { OFFICE_ROLES, type Principal, requireUser } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/**
 * Who may do what with notifications. Every signed-in account has its own notification centre and preferences
 * (another account's notification answers like a missing one). Channels and the delivery log are the office's.
 */
export const CENTRE_USERS: readonly UserRole[] = ['office_admin', 'office_staff', 'leader', 'department', 'enterprise'];
export const CHANNEL_MANAGERS: readonly UserRole[] = OFFICE_ROLES;

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
