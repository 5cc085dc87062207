import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';

/**
 * The inspections module's door to the hazard register (modules/hazards). Findings become hazards in the same
 * transaction as the finding; the phone's day pack shows each enterprise's open hazards.
 * PENDING: modules/hazards was not in the tree when this was written; until it is wired here, findings are stored
 * with hazard_id null and the day pack lists no open hazards.
 */
export interface FindingForHazard {
  enterpriseId: number;
  level: 'general' | 'major';
  place: string;
  description: string;
  foundOn: string;
  foundBy: string;
  basisText: string;
}

export async function createHazardFromFinding(
  _trx: Db,
  _p: Principal,
  _finding: FindingForHazard,
): Promise<number | null> {
  return null;
}

export async function openHazardsOf(
  _db: Db,
  _orgUnitId: number,
  enterpriseIds: number[],
): Promise<{ enterpriseId: number; hazards: { id: number; title: string; level: string }[] }[]> {
  return enterpriseIds.map((enterpriseId) => ({ enterpriseId, hazards: [] }));
}
