import type { Db } from '../../db/database.ts';
import { createHazard } from '../hazards/create-hazard.ts';
import type { HazardActingScope, HazardScope } from '../hazards/hazards.policy.ts';
import { getHazardList } from '../hazards/read-hazards.ts';

/**
 * The inspections module's door to the hazard register (modules/hazards, through its use cases): a finding
 * becomes a hazard (channel 执法检查) inside the finding's transaction; the phone's day pack lists each
 * enterprise's open (not closed) hazards as the caller may see them. The hazard scopes come from the inspections
 * policy (findingScope, fieldScope), which asks hazards.policy.
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
  trx: Db,
  scope: HazardActingScope,
  finding: FindingForHazard,
  now = new Date(),
): Promise<number> {
  return createHazard(
    trx,
    scope,
    { orgUnitId: scope.orgUnitId, actor: scope.actor, actorName: scope.actorName, userId: scope.userId },
    {
      enterpriseId: finding.enterpriseId,
      channel: 'enforcement',
      level: finding.level,
      place: finding.place || '—',
      description: finding.description,
      foundOn: finding.foundOn,
      foundBy: finding.foundBy,
      basisText: finding.basisText,
    },
    now,
  );
}

export async function openHazardsOf(
  db: Db,
  scope: HazardScope,
  enterpriseIds: number[],
): Promise<{ enterpriseId: number; hazards: { id: number; title: string; level: string }[] }[]> {
  if (enterpriseIds.length === 0) return [];
  const out = [];
  for (const enterpriseId of enterpriseIds) {
    const list = await getHazardList(db, scope, { enterpriseId, limit: 200, offset: 0 });
    out.push({
      enterpriseId,
      hazards: list.items
        .filter((h) => h.status !== 'closed')
        .map((h) => ({ id: h.id, title: `${h.place}：${h.description}`.slice(0, 200), level: h.level })),
    });
  }
  return out;
}
