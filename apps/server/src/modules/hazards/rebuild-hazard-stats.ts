import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { rebuildHazardSummary } from './hazard-summary.repository.ts';

/**
 * `duban hazards rebuild-stats`: recounts the statistics' summary from the hazards (every unit, or one), in one
 * transaction with its audit event — for data written before migration 0015 or by hand. Readers see the old
 * counts until it commits, then the new ones (the audit raises the read-model version, so caches refresh).
 */
export async function rebuildHazardStats(
  db: Db,
  actor: string,
  orgUnitId?: number,
): Promise<{ rows: number; industryRows: number }> {
  return inTransaction(db, async (trx) => {
    const r = await rebuildHazardSummary(trx, orgUnitId);
    await appendAudit(trx, {
      orgUnitId: orgUnitId ?? null,
      actor,
      action: 'hazard.rebuild_stats',
      entity: 'hazard_summary',
      entityId: null,
      after: r,
    });
    return r;
  });
}
