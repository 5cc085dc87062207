import { todayInShanghai } from '@duban/shared/civil-date';
import type { ReportResponse, UpdateReportRequest } from '@duban/shared/contracts/progress';
import { isEditable } from '@duban/shared/progress/report-workflow';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ActingScope } from './progress.policy.ts';
import {
  auditReport,
  changeReport,
  checkWorkDate,
  loadReport,
  reportSnapshot,
  reportView,
  stateConflict,
} from './report-writes.ts';

/** Edits the text or work date of a draft or a returned report (optimistic: the caller's version must be current). */
export async function editReport(
  db: Db,
  scope: ActingScope,
  id: number,
  input: UpdateReportRequest,
  now = new Date(),
): Promise<ReportResponse> {
  if (input.workDate !== undefined) checkWorkDate(input.workDate, todayInShanghai(now));
  return inTransaction(db, async (trx) => {
    const r = await loadReport(trx, scope, id);
    if (!isEditable(r.status)) throw stateConflict(r);
    const text = input.text ?? r.text;
    const workDate = input.workDate ?? r.work_date;
    const version = await changeReport(
      trx,
      r,
      input.version,
      { text, work_date: workDate, updated_at: now.toISOString() },
      ['draft', 'returned'],
    );
    await auditReport(trx, scope, 'report.update', id, reportSnapshot(r), {
      ...reportSnapshot(r),
      text,
      workDate,
      version,
    });
    return reportView(trx, scope, id);
  });
}
