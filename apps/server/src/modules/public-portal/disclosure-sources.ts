import type { PublicHazardsResponse } from '@duban/shared/contracts/public-portal';
import type { Db } from '../../db/database.ts';
import type { SupervisionEntry } from './portal-html.ts';

/**
 * What the portal publishes from other modules, read through their service functions only. Until a module provides
 * its public read, its section answers `available: false` / null and the page shows 暂无:
 * - supervision list: modules/enterprises (the enterprise helper builds GET /api/public/supervision-list);
 * - listed major hazards: modules/hazards;
 * - penalty decisions and random-draw results: modules/inspections.
 */
export async function listPublicHazards(_db: Db, _orgUnitId: number): Promise<PublicHazardsResponse> {
  return { hazards: [], available: false };
}

export async function listSupervisionEntries(_db: Db, _orgUnitId: number): Promise<SupervisionEntry[] | null> {
  return null;
}
