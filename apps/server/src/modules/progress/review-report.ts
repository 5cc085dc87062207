import { todayInShanghai } from '@duban/shared/civil-date';
import type { ReportResponse } from '@duban/shared/contracts/progress';
import { isAwaitingReview } from '@duban/shared/progress/report-workflow';
import type { Db } from '../../db/database.ts';
import { noticeReportReturned } from '../notifications/occurrence-notices.ts';
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

export type ReviewDecision = { kind: 'accept' } | { kind: 'return'; reason: string };

/**
 * The office's review of a submitted report. Accept freezes the report (no edit, evidence or second review) and
 * closes the occurrence on today's civil date; return sends it back to the department with a reason.
 */
export async function reviewReport(
  db: Db,
  scope: ActingScope,
  id: number,
  version: number,
  decision: ReviewDecision,
  now = new Date(),
): Promise<ReportResponse> {
  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, scope, id);
    if (!isAwaitingReview(r.status)) throw stateConflict(r);
    const occBefore = await findOccurrenceState(trx, scope.orgUnitId, r.occurrence_id);
    const accept = decision.kind === 'accept';
    const status = accept ? 'accepted' : 'returned';
    const returnReason = accept ? r.return_reason : decision.reason;
    const next = await changeReport(
      trx,
      r,
      version,
      {
        status,
        return_reason: returnReason,
        reviewed_by: scope.userId,
        reviewed_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      ['submitted', 'resubmitted'],
    );
    const occAfter = await updateOccurrenceState(
      trx,
      r.occurrence_id,
      accept ? { report_state: 'accepted', accepted_at: todayInShanghai(now) } : { report_state: 'returned' },
    );
    if (!accept) {
      // The department hears of a return at once, in the app (issue 13 item 2).
      await noticeReportReturned(trx, {
        orgUnitId: scope.orgUnitId,
        occurrenceId: r.occurrence_id,
        reason: decision.reason,
        now,
      });
    }
    await auditReport(
      trx,
      scope,
      accept ? 'report.accept' : 'report.return',
      id,
      { report: reportSnapshot(r), occurrence: occBefore ? occurrenceSnapshot(occBefore) : null },
      {
        report: { ...reportSnapshot(r), status, returnReason, version: next, reviewedBy: scope.userId },
        occurrence: occAfter ? occurrenceSnapshot(occAfter) : null,
      },
    );
    return reportView(trx, scope, id);
  });
}
