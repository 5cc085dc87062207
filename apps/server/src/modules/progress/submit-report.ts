import { todayInShanghai } from '@duban/shared/civil-date';
import type { ReportResponse } from '@duban/shared/contracts/progress';
import { submissionTarget } from '@duban/shared/progress/report-workflow';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findOccurrenceState, updateOccurrenceState } from './occurrences.repository.ts';
import type { ActingScope } from './progress.policy.ts';
import {
  auditReport,
  changeReport,
  loadReport,
  occurrenceSnapshot,
  reportSnapshot,
  reportView,
  stateConflict,
} from './report-writes.ts';

/** draft → submitted, returned → resubmitted; the occurrence becomes 'submitted' on today's civil date. */
export async function submitReport(
  db: Db,
  scope: ActingScope,
  id: number,
  version: number,
  now = new Date(),
): Promise<ReportResponse> {
  return inTransaction(db, async (trx) => {
    const r = await loadReport(trx, scope, id);
    const target = submissionTarget(r.status);
    if (target === null) throw stateConflict(r);
    const occBefore = await findOccurrenceState(trx, scope.orgUnitId, r.occurrence_id);
    const next = await changeReport(
      trx,
      r,
      version,
      { status: target, submitted_at: now.toISOString(), updated_at: now.toISOString() },
      ['draft', 'returned'],
    );
    const occAfter = await updateOccurrenceState(trx, r.occurrence_id, {
      report_state: 'submitted',
      submitted_at: todayInShanghai(now),
    });
    await auditReport(
      trx,
      scope,
      'report.submit',
      id,
      { report: reportSnapshot(r), occurrence: occBefore ? occurrenceSnapshot(occBefore) : null },
      {
        report: { ...reportSnapshot(r), status: target, version: next },
        occurrence: occAfter ? occurrenceSnapshot(occAfter) : null,
      },
    );
    return reportView(trx, scope, id);
  });
}
