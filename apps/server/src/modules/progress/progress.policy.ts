import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';

/**
 * Who may do what with progress reports, in one place.
 * - department users (and department-scoped API tokens): read and write their own department's occurrences,
 *   reports and evidence, nothing else;
 * - leaders: read everything, write nothing;
 * - office (office_admin, office_staff): read everything, file on behalf of a department, review;
 * - enterprise users: nothing here.
 * A record outside the caller's reach answers exactly like a record that does not exist (404).
 */
export interface ProgressScope {
  orgUnitId: number;
  /** null: every department of the unit. */
  departmentId: number | null;
}

export interface ActingScope extends ProgressScope {
  userId: number;
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

/** What the principal may read; 403 for enterprise users and department accounts without a department. */
export function readScope(p: Principal): ProgressScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, departmentId: null };
  if (p.role === 'department' && p.departmentId !== null) {
    return { orgUnitId: p.orgUnitId, departmentId: p.departmentId };
  }
  throw forbidden();
}

/** What the principal may write (draft, edit, submit, attach evidence): office and department users. */
export function writeScope(p: Principal): ActingScope {
  const scope = readScope(p);
  if (p.role === 'leader') throw forbidden();
  return { ...scope, userId: requireUserId(p), actor: p.actor };
}

/** Accepting and returning reports: the office only. */
export function reviewScope(p: Principal): ActingScope {
  if (!isOffice(p)) throw forbidden();
  return { orgUnitId: p.orgUnitId, departmentId: null, userId: requireUserId(p), actor: p.actor };
}

export function canSee(scope: ProgressScope, record: { departmentId: number | null }): boolean {
  return scope.departmentId === null || scope.departmentId === record.departmentId;
}

/** The department filter of a list: a department user's own, whatever it asked for. */
export function departmentFilter(scope: ProgressScope, requested: number | undefined): number | undefined {
  return scope.departmentId ?? requested;
}

// One body per kind of record, without the id, so "not yours" and "not there" cannot be told apart.
export const reportNotFound = () => new AppError('not_found', '工作进展不存在 (report not found)');
export const occurrenceNotFound = () => new AppError('not_found', '任务事项不存在 (occurrence not found)');
export const evidenceNotFound = () => new AppError('not_found', '证明材料不存在 (evidence not found)');
