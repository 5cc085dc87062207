import { AppError } from '../../core/app-error.ts';
import { isOffice, OFFICE_ROLES, type Principal, requireUser } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/**
 * Calendar feeds: the office, leaders and department accounts may subscribe. A department account gets a feed of
 * its own department (or of its own work); the office and leaders of any department. Listing and revoking: the
 * office sees every feed of the unit, everyone else only the feeds they created. Someone else's feed, and a
 * department a department account does not belong to, answer like missing ones. Feeds are personal
 * subscriptions: an API token (no user) has none, whatever its role (403).
 */
export interface FeedScope {
  orgUnitId: number;
  /** The subscriber: feeds are created by and listed for this account. */
  userId: number;
  username: string;
  actor: string;
  /** The office sees and revokes every feed of the unit. */
  allFeeds: boolean;
  /** A department account may follow only its own department; null: any department of the unit. */
  ownDepartmentId: number | null;
}

export function feedScope(p: Principal): FeedScope {
  if (!isOffice(p) && p.role !== 'leader' && p.role !== 'department') {
    throw new AppError('forbidden', '没有权限使用日历订阅 (forbidden)');
  }
  return {
    orgUnitId: p.orgUnitId,
    userId: requireUser(p),
    username: p.username,
    actor: p.actor,
    allFeeds: isOffice(p),
    ownDepartmentId: p.role === 'department' ? (p.departmentId ?? -1) : null,
  };
}

export function mayFollowDepartment(scope: FeedScope, departmentId: number): boolean {
  return scope.ownDepartmentId === null || scope.ownDepartmentId === departmentId;
}

/**
 * What a personal feed's URL shows when it is read (no session: the URL token names the account): the account's
 * reach now, null for every department (office, leaders) or its own department; a disabled or enterprise account,
 * or a department account without a department, has no feed (404).
 */
export function feedAccountDepartment(account: {
  role: UserRole;
  department_id: number | null;
  disabled: number;
}): number | null {
  if (account.disabled === 1 || account.role === 'enterprise') throw feedNotFound();
  if (OFFICE_ROLES.includes(account.role) || account.role === 'leader') return null;
  if (account.department_id === null) throw feedNotFound();
  return account.department_id;
}

export function feedNotFound(): AppError {
  return new AppError('not_found', '日历订阅不存在 (calendar feed not found)');
}
