import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { createHazard } from '../hazards/create-hazard.ts';
import { hazardActingScope, hazardReadScope } from '../hazards/hazards.policy.ts';
import { getHazardList } from '../hazards/read-hazards.ts';

/**
 * The inspections module's door to the hazard register (modules/hazards, through its use cases): a finding
 * becomes a hazard (channel 执法检查) inside the finding's transaction; the phone's day pack lists each
 * enterprise's open (not closed) hazards as the caller may see them.
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
  p: Principal,
  finding: FindingForHazard,
  now = new Date(),
): Promise<number> {
  const scope = await hazardActingScope(trx, p, 'report');
  return createHazard(
    trx,
    scope,
    { orgUnitId: p.orgUnitId, actor: p.actor, actorName: p.username, userId: p.userId },
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
  p: Principal,
  enterpriseIds: number[],
): Promise<{ enterpriseId: number; hazards: { id: number; title: string; level: string }[] }[]> {
  if (enterpriseIds.length === 0) return [];
  const scope = await hazardReadScope(db, p);
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
