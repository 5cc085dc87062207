import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';

/**
 * Who may do what with the roll-up across org units (issue 16), in one place.
 * - office and leaders read the roll-up of their own unit's subtree (the figures of each child, drill-down to a
 *   child's dashboard, the 直报 their children sent) and their own unit's submissions and upper duties;
 * - the office writes for its own unit only: submits the unit's period report upward, reviews its children's
 *   submissions, links its registry entries to child units, distributes and reports the upper list's duties;
 * - departments and enterprise accounts: nothing here (403).
 * A record outside the reader's subtree answers like a missing one (404).
 */
export interface RollupReadScope {
  /** The reader's own unit: the root of what it may read. */
  homeUnitId: number;
}

export interface RollupActingScope extends RollupReadScope {
  userId: number;
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

/** The unit the account belongs to (a drilled-down request still reads from its home unit's subtree). */
const homeOf = (p: Principal): number => p.homeUnitId ?? p.orgUnitId;

export function rollupReadScope(p: Principal): RollupReadScope {
  if (isOffice(p) || p.role === 'leader') return { homeUnitId: homeOf(p) };
  throw forbidden();
}

/** Writes: the office of its own unit, as a signed-in user (the records name their author). */
export function rollupWriteScope(p: Principal): RollupActingScope {
  if (!isOffice(p)) throw forbidden();
  if (p.readOnly) {
    throw new AppError('forbidden', '正在查看下级单位的数据，只能查看，不能修改 (a child unit is read-only)');
  }
  return { homeUnitId: homeOf(p), userId: requireUserId(p), actor: p.actor };
}

export const unitNotFound = () => new AppError('not_found', '单位不存在 (unit not found)');
export const submissionNotFound = () => new AppError('not_found', '报送记录不存在 (submission not found)');
export const dutyNotFound = () => new AppError('not_found', '上级任务事项不存在 (duty not found)');
