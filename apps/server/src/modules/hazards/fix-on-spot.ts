import type { FixOnSpotRequest, HazardResponse } from '@duban/shared/contracts/hazards';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { applyChange, checkStep, loadHazard } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { insertAcceptance, listFiles } from './hazards.repository.ts';
import { getHazardDetail } from './read-hazards.ts';

/**
 * 立查立改: a general hazard fixed on the spot is closed in one step, with before and after photos already
 * attached. The step records an on-the-spot acceptance (kind 'on_spot', by whoever closes it), so every closed
 * hazard, this one too, has a passed acceptance.
 */
export async function fixOnSpot(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: FixOnSpotRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    await checkStep(trx, h, 'fix_on_spot');
    const files = await listFiles(trx, id);
    const missing = [
      files.some((f) => f.kind === 'before') ? null : '整改前照片',
      files.some((f) => f.kind === 'after') ? null : '整改后照片',
    ].filter((m) => m !== null);
    if (missing.length > 0) {
      throw new AppError('conflict', `立查立改须先上传${missing.join('和')} (before/after evidence required)`, {
        reason: 'evidence_required',
        missing,
      });
    }
    const acceptanceId = await insertAcceptance(trx, {
      hazard_id: id,
      kind: 'on_spot',
      result: 'pass',
      accepted_on: req.fixedOn,
      acceptors: scope.actorName,
      experts: '[]',
      reason: '',
      recorded_by: scope.actor,
      created_at: now.toISOString(),
    });
    await applyChange(trx, scope, h, req.version, {
      kind: 'fix_on_spot',
      patch: { status: 'closed', rectified_on: req.fixedOn, closed_on: req.fixedOn, closed_by: scope.userId },
      text: req.note,
      data: { acceptanceId },
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}
