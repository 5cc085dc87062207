import type { HazardResponse, RecordAcceptanceRequest } from '@duban/shared/contracts/hazards';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { expertsForAcceptance } from '../experts/experts.service.ts';
import { applyChange, checkStep, loadHazard, staleVersion } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { insertAcceptance } from './hazards.repository.ts';
import { getHazardDetail } from './read-hazards.ts';

/**
 * The on-site acceptance (验收/复查) by the supervising department or the office: pass → accepted (销号 is then
 * possible), fail → back to rectifying with the reason. The acceptance row is append-only (database trigger).
 * Experts drawn from the pool are checked by the experts module (drawn for this enterprise, recusal) and named.
 */
export async function recordAcceptance(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: RecordAcceptanceRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    const status = await checkStep(trx, h, req.result === 'pass' ? 'accept_pass' : 'accept_fail');
    if (h.version !== req.version) throw staleVersion(h.version);
    const drawn = await expertsForAcceptance(trx, scope.orgUnitId, h.enterprise_id, req.drawnExpertIds ?? []);
    const experts = [...new Set([...req.experts, ...drawn])];
    const acceptanceId = await insertAcceptance(trx, {
      hazard_id: id,
      kind: 'acceptance',
      result: req.result,
      accepted_on: req.acceptedOn,
      acceptors: req.acceptors,
      experts: JSON.stringify(experts),
      reason: req.reason,
      recorded_by: scope.actor,
      created_at: now.toISOString(),
    });
    await applyChange(trx, scope, h, req.version, {
      kind: req.result === 'pass' ? 'accept_pass' : 'accept_fail',
      patch: { status },
      text: `${req.acceptedOn} ${req.acceptors}${experts.length ? `（专家：${experts.join('、')}）` : ''}：${
        req.result === 'pass' ? '验收通过' : `验收不通过，${req.reason}`
      }`,
      data: { acceptanceId, result: req.result },
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}
