import type { HazardStatsResponse } from '@duban/shared/contracts/hazards';
import type { Db } from '../../db/database.ts';
import { getHazardStats } from './hazard-stats.ts';
import type { HazardScope } from './hazards.policy.ts';
import { type ListedHazardRow, selectListedHazards } from './hazards.repository.ts';

// The hazards module's face to other modules (inspections, whistleblowing, the public portal, the task list):
// the create use case (create-hazard.ts: call it inside your own transaction) and read-only figures.

export { type CreateHazardInput, createHazard, type HazardAuthor } from './create-hazard.ts';
export {
  /** Around a change of an enterprise's industries (enterprises module), in its transaction. */
  countEnterpriseIndustries as countEnterpriseHazardIndustries,
} from './hazard-summary.repository.ts';
export { type HazardScope, hazardReadScope } from './hazards.policy.ts';
export type { ListedHazardRow } from './hazards.repository.ts';

/** The scope of the whole unit, for system callers (CLI, public pages, read models). */
export function unitHazardScope(orgUnitId: number): HazardScope {
  return { orgUnitId, role: 'office_admin', enterpriseIds: null, ownEnterpriseId: null, departmentId: null };
}

/** Listed (挂牌督办) major hazards for the public disclosure page: no ids of people, no phone numbers. */
export async function listPublicListedHazards(db: Db, orgUnitId: number, limit = 200): Promise<ListedHazardRow[]> {
  return selectListedHazards(db, orgUnitId, limit);
}

/** The unit's statistics of a year (the CLI's `hazards stats`, the leader dashboard's hazards section). */
export async function unitHazardStats(db: Db, orgUnitId: number, year: number): Promise<HazardStatsResponse> {
  return getHazardStats(db, unitHazardScope(orgUnitId), year);
}

/**
 * One unit's own statistics of a year, without the units below it: what a roll-up across org units adds up per unit
 * (modules/rollup, issue 16), so a write in one zone recomputes that zone only.
 */
export async function ownHazardStats(db: Db, orgUnitId: number, year: number): Promise<HazardStatsResponse> {
  return getHazardStats(db, unitHazardScope(orgUnitId), year, undefined, { subtree: false });
}

/**
 * Task 33 (2023年底前排查出的重大事故隐患2024年底前全部整改销号): the stock of major hazards found in 2023 and earlier
 * and how many are closed, as a figure the task list can show.
 */
export async function stockClearedFigure(
  db: Db,
  orgUnitId: number,
): Promise<{ total: number; closed: number; rate: number; label: string }> {
  const s = await unitHazardStats(db, orgUnitId, 2024);
  const { total, closed } = s.stockMajor2023;
  const rate = total === 0 ? 1 : closed / total;
  return {
    total,
    closed,
    rate,
    label: `2023年底前重大事故隐患 ${total} 项，已整改销号 ${closed} 项（${(rate * 100).toFixed(1)}%）`,
  };
}
