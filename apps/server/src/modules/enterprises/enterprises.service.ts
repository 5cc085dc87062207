import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { findUserEnterpriseId } from '../users/users.repository.ts';
import { type EnterpriseScope, enterpriseReadScope } from './enterprises.policy.ts';
import {
  type EnterpriseRow,
  findEnterpriseInScope,
  type SupervisorRow,
  selectEnterpriseNames,
  selectOperatingRoster,
  selectSupervisedEnterpriseIds,
  selectSupervisors,
} from './enterprises.repository.ts';

// The enterprises module's face to other modules (hazards, whistleblowing, inspections): read-only lookups that
// respect the caller's scope. Writes go through the use-case files (create-enterprise.ts, update-enterprise.ts, …).

export type { EnterpriseScope } from './enterprises.policy.ts';
export type { EnterpriseRow, SupervisorRow } from './enterprises.repository.ts';

/** The read scope of a principal; for an enterprise account it loads the account's bound enterprise. */
export async function resolveEnterpriseScope(db: Db, p: Principal): Promise<EnterpriseScope> {
  const bound = p.role === 'enterprise' && p.userId !== null ? await findUserEnterpriseId(db, p.userId) : null;
  return enterpriseReadScope(p, bound);
}

/** The enterprise when the scope reaches it (office/leader: any of the unit; department: supervised; enterprise: own). */
export async function findEnterpriseForScope(
  db: Db,
  scope: EnterpriseScope,
  id: number,
): Promise<EnterpriseRow | undefined> {
  return findEnterpriseInScope(db, scope, id);
}

/** Ids of the enterprises a department supervises (in any role). */
export async function listSupervisedEnterpriseIds(db: Db, departmentId: number): Promise<number[]> {
  return selectSupervisedEnterpriseIds(db, departmentId);
}

/** The supervising departments of an enterprise with their role (for notifying the department of a listed hazard). */
export async function listEnterpriseSupervisors(db: Db, enterpriseId: number): Promise<SupervisorRow[]> {
  return selectSupervisors(db, [enterpriseId]);
}

/**
 * The operating enterprises of a unit with their supervising departments and industries, as three flat lists
 * (bulk reads for the inspection plan and the 双随机 target pool; no phones, no people).
 */
export async function listOperatingRoster(db: Db, orgUnitId: number) {
  return selectOperatingRoster(db, orgUnitId);
}

/** Names only of the enterprises (not closed) whose name contains `q`: the public report form's suggestions. */
export async function searchEnterpriseNames(db: Db, orgUnitId: number, q: string, limit: number): Promise<string[]> {
  return selectEnterpriseNames(db, orgUnitId, q, limit);
}

/** The 安全生产监管责任清单 of a unit (no phones, no internal ids): for the public portal and exports. */
export { buildSupervisionList } from './supervision-list.ts';
