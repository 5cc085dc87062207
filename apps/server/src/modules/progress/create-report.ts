import { todayInShanghai } from '@duban/shared/civil-date';
import type { CreateReportRequest, ReportResponse } from '@duban/shared/contracts/progress';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findOccurrenceState, updateOccurrenceState } from './occurrences.repository.ts';
import { type ActingScope, canSee, occurrenceNotFound } from './progress.policy.ts';
import { findOpenReportId, insertReport } from './progress.repository.ts';
import { auditReport, checkWorkDate, occurrenceSnapshot, reportView } from './report-writes.ts';

/**
 * A new draft for an occurrence. An occurrence has at most one open report: a returned report is edited and
 * resubmitted, not replaced; an accepted occurrence is closed (办结).
 */
export async function createReport(
  db: Db,
  scope: ActingScope,
  input: CreateReportRequest,
  now = new Date(),
): Promise<ReportResponse> {
  checkWorkDate(input.workDate, todayInShanghai(now));
  return inTransaction(db, async (trx) => {
    const occ = await findOccurrenceState(trx, scope.orgUnitId, input.occurrenceId);
    if (!occ || !canSee(scope, { departmentId: occ.department_id })) throw occurrenceNotFound();
    if (occ.department_id === null) {
      throw new AppError('conflict', '该任务事项没有承办部门，不能填报 (occurrence has no department)');
    }
    if (occ.report_state === 'accepted') {
      throw new AppError('conflict', '该任务事项已审核通过，不能再填报 (occurrence is closed)');
    }
    const open = await findOpenReportId(trx, occ.id);
    if (open !== undefined) {
      throw new AppError('conflict', '该任务事项已有未办结的工作进展，请在原进展上继续填报 (an open report exists)', {
        reportId: open,
      });
    }
    const id = await insertReport(trx, {
      orgUnitId: scope.orgUnitId,
      occurrenceId: occ.id,
      departmentId: occ.department_id,
      text: input.text,
      workDate: input.workDate,
      createdBy: scope.userId,
      now: now.toISOString(),
    });
    // Guarded by the occurrence version: of two drafts started at once, one wins.
    const after = await updateOccurrenceState(trx, occ.id, { report_state: 'draft' }, occ.version);
    if (!after) throw new AppError('conflict', '该任务事项刚被他人修改，请刷新后重试 (occurrence changed)');
    await auditReport(
      trx,
      scope,
      'report.create',
      id,
      { occurrence: occurrenceSnapshot(occ) },
      {
        report: {
          occurrenceId: occ.id,
          departmentId: occ.department_id,
          status: 'draft',
          version: 1,
          text: input.text,
          workDate: input.workDate,
        },
        occurrence: occurrenceSnapshot(after),
      },
    );
    return reportView(trx, scope, id);
  });
}
