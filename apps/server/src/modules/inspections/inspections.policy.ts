import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { enterpriseReadScope } from '../enterprises/enterprises.policy.ts';
import { type EnterpriseScope, resolveEnterpriseScope } from '../enterprises/enterprises.service.ts';
import {
  type HazardActingScope,
  type HazardScope,
  hazardActingScope,
  hazardReadScope,
} from '../hazards/hazards.policy.ts';
import { findInspectorByUser } from './inspections.repository.ts';

/**
 * Who may do what with inspections and enforcement, in one place.
 * - office: everything of the unit (plans, matter list, pools, draws, records, enforcement, statistics);
 * - leaders: read everything, write nothing;
 * - department users: their department's inspections and enforcement; a department user registered in the
 *   inspector pool who is not the department head sees only the inspections whose team they are on (their
 *   assignments) and writes only those; heads see and write the department's; plans and draws are read-only;
 * - enterprise accounts: read the inspections and enforcement decisions of their own enterprise, nothing else;
 * - the public: published draw results and penalty decisions only, through the public portal's service calls.
 * A record outside the caller's reach answers exactly like a record that does not exist (404).
 */
export interface InspectionScope {
  orgUnitId: number;
  departmentId: number | null;
  /** Set: only inspections whose team includes this inspector. */
  inspectorId: number | null;
  /** Set for enterprise accounts: only this enterprise (-1 when bound to none). */
  enterpriseId: number | null;
  /** The enterprises the caller reaches in the registry (enterprises.policy): an inspection's enterprise must be one. */
  enterprises: EnterpriseScope;
  canWrite: boolean;
}

export interface ActingScope extends InspectionScope {
  userId: number;
  actor: string;
}

/** Recording a finding: also reports the hazard to the register, with the caller's hazard scope. */
export interface FindingScope extends ActingScope {
  hazards: HazardActingScope;
}

/** The field page's day package: also lists the enterprises' open hazards as the caller may see them. */
export interface FieldScope extends InspectionScope {
  hazards: HazardScope;
}

/** The office's writes (plans, matter list, pools, draws, profiles). */
export interface OfficeScope {
  orgUnitId: number;
  actor: string;
  userId: number;
  enterprises: EnterpriseScope;
}

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');

export async function inspectionScope(db: Db, p: Principal): Promise<InspectionScope> {
  const base = { orgUnitId: p.orgUnitId, departmentId: null, inspectorId: null, enterpriseId: null };
  if (isOffice(p) || p.role === 'leader') {
    return { ...base, enterprises: await resolveEnterpriseScope(db, p), canWrite: isOffice(p) };
  }
  if (p.role === 'department' && p.departmentId !== null) {
    const inspector = p.userId !== null && !p.isHead ? await findInspectorByUser(db, p.orgUnitId, p.userId) : undefined;
    return {
      ...base,
      departmentId: p.departmentId,
      inspectorId: inspector?.id ?? null,
      enterprises: await resolveEnterpriseScope(db, p),
      canWrite: true,
    };
  }
  if (p.role === 'enterprise') {
    const enterprises = await resolveEnterpriseScope(db, p);
    return { ...base, enterpriseId: enterprises.enterpriseId ?? -1, enterprises, canWrite: false };
  }
  throw forbidden();
}

export async function actingScope(db: Db, p: Principal): Promise<ActingScope> {
  const scope = await inspectionScope(db, p);
  if (!scope.canWrite) throw forbidden();
  return { ...scope, userId: requireUserId(p), actor: p.actor };
}

/** Recording a finding: the acting scope, and the hazard register's scope for the step 'report'. */
export async function findingScope(db: Db, p: Principal): Promise<FindingScope> {
  const scope = await actingScope(db, p);
  return { ...scope, hazards: await hazardActingScope(db, p, 'report') };
}

/** The field page's day package: the accounts that record inspections (office, departments), read scope. */
export async function fieldScope(db: Db, p: Principal): Promise<FieldScope> {
  const scope = await inspectionScope(db, p);
  if (!scope.canWrite) throw forbidden();
  return { ...scope, hazards: await hazardReadScope(db, p) };
}

/** Inspection scope for staff-only reads (closure alerts): enterprises do not read them. */
export async function staffInspectionScope(db: Db, p: Principal): Promise<InspectionScope> {
  assertStaffReader(p);
  return inspectionScope(db, p);
}

export function canSeeInspection(
  scope: InspectionScope,
  row: { department_id: number | null; enterprise_id: number },
  team: readonly number[],
): boolean {
  if (scope.enterpriseId !== null && row.enterprise_id !== scope.enterpriseId) return false;
  // An inspector's reach is their team membership, whichever department recorded the inspection (交叉检查, 联合执法).
  if (scope.inspectorId !== null) return team.includes(scope.inspectorId);
  if (scope.departmentId !== null && row.department_id !== scope.departmentId) return false;
  return true;
}

/** Plans, matter list, pools, draws, profiles: the office writes. */
export function assertOffice(p: Principal): OfficeScope {
  if (!isOffice(p)) throw forbidden();
  return { orgUnitId: p.orgUnitId, actor: p.actor, userId: requireUserId(p), enterprises: enterpriseReadScope(p) };
}

/** Plans, draws, pools, statistics: office, leaders and departments read; enterprises do not. */
export function assertStaffReader(p: Principal): { orgUnitId: number; departmentId: number | null } {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, departmentId: null };
  if (p.role === 'department' && p.departmentId !== null)
    return { orgUnitId: p.orgUnitId, departmentId: p.departmentId };
  throw forbidden();
}

export const inspectionNotFound = () => new AppError('not_found', '检查记录不存在 (inspection not found)');
export const planNotFound = () => new AppError('not_found', '检查计划不存在 (plan not found)');
export const drawNotFound = () => new AppError('not_found', '抽查记录不存在 (draw not found)');
export const enforcementNotFound = () => new AppError('not_found', '执法决定不存在 (enforcement action not found)');
export const enterpriseNotFound = () => new AppError('not_found', '企业不存在 (enterprise not found)');

export function staleVersion(current: number): AppError {
  return new AppError('conflict', '记录已被他人修改，请刷新后重试 (stale version)', { currentVersion: current });
}
