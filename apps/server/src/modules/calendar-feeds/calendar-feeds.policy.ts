import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUser } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/**
 * Calendar feeds: the office, leaders and department accounts may subscribe. A department account gets a feed of
 * its own department (or of its own work); the office and leaders of any department. Listing and revoking: the
 * office sees every feed of the unit, everyone else only the feeds they created. Someone else's feed, and a
 * department a department account does not belong to, answer like missing ones.
 */
export const FEED_USERS: readonly UserRole[] = ['office_admin', 'office_staff', 'leader', 'department'];

export function seesAllFeeds(p: Principal): boolean {
  // Feeds are personal subscriptions: an API token (no user) has none and sees none, whatever its role.
  return requireUser(p) > 0 && isOffice(p);
}

export function mayFollowDepartment(p: Principal, departmentId: number): boolean {
  return p.role !== 'department' || p.departmentId === departmentId;
}

export function feedNotFound(): AppError {
  return new AppError('not_found', '日历订阅不存在 (calendar feed not found)');
}

export function feedOwner(p: Principal): number {
  return requireUser(p);
}
