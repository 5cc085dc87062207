import { AppError } from '../../core/app-error.ts';
import { isOffice, OFFICE_ROLES, type Principal } from '../../core/principal.ts';
import type { UserRole } from '../../db/schema.ts';

/**
 * Who may do what in supervision. The office (安委办) records ladder steps and decides extensions; a department
 * user replies to its own notices and asks for extensions of its own occurrences; leaders read everything and
 * write nothing; enterprises have no access. A department user never learns that another department's record
 * exists: it gets the same 404 as for a missing id.
 */
const SUPERVISION_READERS: readonly UserRole[] = [...OFFICE_ROLES, 'leader', 'department'];

/** Which departments' records a reader sees: all of them, one, or none (a department account without one). */
export type ReadScope = { all: true } | { all: false; departmentId: number | null };

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

export function readScope(p: Principal): ReadScope {
  if (!SUPERVISION_READERS.includes(p.role)) throw forbidden();
  if (p.role === 'department') return { all: false, departmentId: p.departmentId };
  return { all: true };
}

export function canSeeDepartment(p: Principal, departmentId: number): boolean {
  const scope = readScope(p);
  return scope.all || scope.departmentId === departmentId;
}

export function assertOffice(p: Principal): void {
  if (!isOffice(p)) throw forbidden();
}

export function assertDepartmentUser(p: Principal): void {
  if (p.role !== 'department' || p.departmentId === null) throw forbidden();
}

/** The one answer for "missing" and "not yours": same status, same body. */
export function supervisionActionNotFound(): AppError {
  return new AppError('not_found', '督办记录不存在 (supervision record not found)');
}

export function extensionNotFound(): AppError {
  return new AppError('not_found', '延期申请不存在 (extension request not found)');
}

export function occurrenceNotFound(): AppError {
  return new AppError('not_found', '任务事项不存在 (occurrence not found)');
}
