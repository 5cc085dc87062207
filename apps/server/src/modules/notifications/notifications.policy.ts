import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUser } from '../../core/principal.ts';

/**
 * Who may do what with notifications. Every signed-in account has its own notification centre and preferences
 * (another account's notification answers like a missing one). Channels and the delivery log are the office's.
 */
/** One account's own centre and preferences. */
export interface CentreScope {
  orgUnitId: number;
  /** The account whose centre this is. */
  userId: number;
  actor: string;
}

/** The office managing the unit's channels and reading the delivery log. */
export interface ChannelScope {
  orgUnitId: number;
  actor: string;
}

/** Every signed-in person (any role) has a centre of its own; an API token has none (403). */
export function centreScope(p: Principal): CentreScope {
  return { orgUnitId: p.orgUnitId, userId: requireUser(p), actor: p.actor };
}

/** Channels and the delivery log: the office. */
export function channelManagerScope(p: Principal): ChannelScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以管理通知渠道 (office only)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}

export function notificationNotFound(): AppError {
  return new AppError('not_found', '通知不存在 (notification not found)');
}

export function channelNotFound(): AppError {
  return new AppError('not_found', '通知渠道不存在 (channel not found)');
}
