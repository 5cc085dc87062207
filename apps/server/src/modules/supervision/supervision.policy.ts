import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';

/**
 * Who may do what in supervision, in one place. The office (安委办) records ladder steps and decides extensions; a
 * department user replies to its own notices and asks for extensions of its own occurrences; leaders read
 * everything and write nothing; enterprises have no access. A department user never learns that another
 * department's record exists: it gets the same 404 as for a missing id.
 */
export interface SupervisionReadScope {
  orgUnitId: number;
  /** null: every department of the unit. */
  departmentId: number | null;
}

/** The office acting: records ladder steps, issues batches, edits the number patterns. */
export interface OfficeScope {
  orgUnitId: number;
  actor: string;
}

/** The office deciding an extension: the decision names the deciding account. */
export interface OfficeDecisionScope extends OfficeScope {
  userId: number;
}

/** A department user acting for its own department (replies, extension requests). */
export interface DepartmentActingScope {
  orgUnitId: number;
  departmentId: number;
  userId: number;
  actor: string;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

/** Office and leaders read every department's records; a department user its own; everyone else 403. */
export function readScope(p: Principal): SupervisionReadScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, departmentId: null };
  if (p.role === 'department' && p.departmentId !== null) {
    return { orgUnitId: p.orgUnitId, departmentId: p.departmentId };
  }
  throw forbidden();
}

export function officeScope(p: Principal): OfficeScope {
  if (!isOffice(p)) throw forbidden();
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}

export function officeDecisionScope(p: Principal): OfficeDecisionScope {
  return { ...officeScope(p), userId: requireUserId(p) };
}

export function departmentWriteScope(p: Principal): DepartmentActingScope {
  if (p.role !== 'department' || p.departmentId === null) throw forbidden();
  return { orgUnitId: p.orgUnitId, departmentId: p.departmentId, userId: requireUserId(p), actor: p.actor };
}

export function canSeeDepartment(scope: { departmentId: number | null }, departmentId: number): boolean {
  return scope.departmentId === null || scope.departmentId === departmentId;
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
