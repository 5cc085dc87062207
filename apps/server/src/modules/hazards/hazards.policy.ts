import { AppError } from '../../core/app-error.ts';
import { isOffice, OFFICE_ROLES, type Principal, requireUserId } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { listSupervisedEnterpriseIds, resolveEnterpriseScope } from '../enterprises/enterprises.service.ts';

/**
 * Who may do what with hazards, in one place.
 * - office (office_admin, office_staff): every hazard of the unit, every step, 挂牌督办, extension decisions,
 *   catalogue items, settings;
 * - leaders: read everything (register, detail, statistics), write nothing;
 * - department users: the hazards of the enterprises their department supervises (through the enterprises
 *   service): report from inspections, confirm, follow rectification, accept, close;
 * - enterprise accounts: only their own enterprise's hazards: self-report (企业自查) with photos, the plan and
 *   五落实, rectification evidence, evaluation, request acceptance, 立查立改 of a general hazard, 挂账 explanation;
 *   never their own acceptance or 销号.
 * A hazard outside the caller's reach answers exactly like one that does not exist (404).
 */
export interface HazardScope {
  orgUnitId: number;
  role: Principal['role'];
  /** null: every enterprise of the unit; else only these enterprises (a department's supervised ones, or one's own). */
  enterpriseIds: number[] | null;
  /** Set for an enterprise account (-1 when bound to none). */
  ownEnterpriseId: number | null;
  departmentId: number | null;
}

export interface HazardActingScope extends HazardScope {
  userId: number;
  actor: string;
  actorName: string;
}

export type HazardStep =
  | 'report'
  | 'confirm'
  | 'plan'
  | 'start_rectification'
  | 'evaluation'
  | 'request_acceptance'
  | 'acceptance'
  | 'close'
  | 'fix_on_spot'
  | 'files'
  | 'request_extension'
  | 'explanation';

const forbidden = () => new AppError('forbidden', '没有权限执行此操作 (forbidden)');
export const hazardNotFound = () => new AppError('not_found', '隐患不存在 (hazard not found)');

/** What the principal may read: loads a department's supervised enterprises and an account's own enterprise. */
export async function hazardReadScope(db: Db, p: Principal): Promise<HazardScope> {
  const base = { orgUnitId: p.orgUnitId, role: p.role, departmentId: null, ownEnterpriseId: null };
  if (isOffice(p) || p.role === 'leader') return { ...base, enterpriseIds: null };
  if (p.role === 'department' && p.departmentId !== null) {
    return {
      ...base,
      departmentId: p.departmentId,
      enterpriseIds: await listSupervisedEnterpriseIds(db, p.departmentId),
    };
  }
  if (p.role === 'enterprise') {
    const e = await resolveEnterpriseScope(db, p);
    const own = e.enterpriseId ?? -1;
    return { ...base, ownEnterpriseId: own, enterpriseIds: [own] };
  }
  throw forbidden();
}

const ENTERPRISE_STEPS: readonly HazardStep[] = [
  'report',
  'plan',
  'start_rectification',
  'evaluation',
  'request_acceptance',
  'fix_on_spot',
  'files',
  'request_extension',
  'explanation',
];

/** Whether a role may take a step at all (the record's reach is checked when it is loaded). */
export function mayTake(role: Principal['role'], step: HazardStep): boolean {
  if (OFFICE_ROLES.includes(role) || role === 'department') return true;
  if (role === 'enterprise') return ENTERPRISE_STEPS.includes(step);
  return false;
}

/** The acting scope of a step: 403 for leaders and for enterprise accounts on the supervisor's steps. */
export async function hazardActingScope(db: Db, p: Principal, step: HazardStep): Promise<HazardActingScope> {
  if (!mayTake(p.role, step)) throw forbidden();
  const scope = await hazardReadScope(db, p);
  return { ...scope, userId: requireUserId(p), actor: p.actor, actorName: p.username };
}

/** 挂牌督办, extension decisions, catalogue items and settings: the office only. */
export function hazardOfficeScope(p: Principal): HazardActingScope {
  if (!isOffice(p)) throw forbidden();
  return {
    orgUnitId: p.orgUnitId,
    role: p.role,
    enterpriseIds: null,
    ownEnterpriseId: null,
    departmentId: null,
    userId: requireUserId(p),
    actor: p.actor,
    actorName: p.username,
  };
}

export function reachesEnterprise(scope: HazardScope, enterpriseId: number): boolean {
  return scope.enterpriseIds === null || scope.enterpriseIds.includes(enterpriseId);
}
