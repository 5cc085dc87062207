import type { ReportResponse } from '@duban/shared/contracts/progress';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { ReportStatus } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { OccurrenceStateRow } from './occurrences.repository.ts';
import { type ActingScope, canSee, reportNotFound } from './progress.policy.ts';
import {
  findReport,
  findReportVersion,
  listEvidenceOfReports,
  type ReportChange,
  type ReportRow,
  updateReport,
} from './progress.repository.ts';
import { toReport } from './progress.views.ts';

/** Pieces every report write shares: load within reach, check state and version, change, audit. */

export function staleVersion(currentVersion: number): AppError {
  return new AppError('conflict', '工作进展已被他人修改，请刷新后重试 (stale version)', { currentVersion });
}

/** Why a report in this status refuses the requested step. */
export function stateConflict(r: Pick<ReportRow, 'status' | 'version'>): AppError {
  const details = { status: r.status, currentVersion: r.version };
  if (r.status === 'accepted') {
    return new AppError(
      'conflict',
      '工作进展已审核通过并冻结，不能再修改或审核 (report is accepted and frozen)',
      details,
    );
  }
  if (r.status === 'submitted' || r.status === 'resubmitted') {
    return new AppError('conflict', '工作进展已提交，正在审核，不能修改或重复提交 (report is under review)', details);
  }
  return new AppError('conflict', '工作进展尚未提交，不能审核 (report is not submitted)', details);
}

/** The report if the caller may see it, else the one 404. */
export async function loadReport(trx: Db, scope: ActingScope, id: number): Promise<ReportRow> {
  const r = await findReport(trx, scope.orgUnitId, id);
  if (!r || !canSee(scope, { departmentId: r.department_id })) throw reportNotFound();
  return r;
}

/** Applies the change if the report is still at `version` and in one of `from`; else 409 with the current version. */
export async function changeReport(
  trx: Db,
  r: ReportRow,
  version: number,
  change: ReportChange,
  from: readonly ReportStatus[],
): Promise<number> {
  if (r.version !== version) throw staleVersion(r.version);
  const next = await updateReport(trx, r.id, version, change, from);
  if (next === undefined) throw staleVersion((await findReportVersion(trx, r.id)) ?? r.version);
  return next;
}

export function checkWorkDate(workDate: string, today: string): void {
  if (workDate > today) {
    throw new AppError('validation_failed', '工作日期不能晚于今天 (work date is in the future)', [
      { path: 'workDate', message: '工作日期不能晚于今天' },
    ]);
  }
}

export const reportSnapshot = (r: Pick<ReportRow, 'status' | 'version' | 'text' | 'work_date' | 'return_reason'>) => ({
  status: r.status,
  version: r.version,
  text: r.text,
  workDate: r.work_date,
  returnReason: r.return_reason,
});

export const occurrenceSnapshot = (o: Pick<OccurrenceStateRow, 'report_state' | 'submitted_at' | 'accepted_at'>) => ({
  reportState: o.report_state,
  submittedAt: o.submitted_at,
  acceptedAt: o.accepted_at,
});

export async function auditReport(
  trx: Db,
  scope: ActingScope,
  action: string,
  reportId: number,
  before: unknown,
  after: unknown,
): Promise<void> {
  await appendAudit(trx, {
    orgUnitId: scope.orgUnitId,
    actor: scope.actor,
    action,
    entity: 'report',
    entityId: reportId,
    before,
    after,
  });
}

/** The report as it is now, with its evidence (read inside the writing transaction). */
export async function reportView(trx: Db, scope: ActingScope, id: number): Promise<ReportResponse> {
  const r = await loadReport(trx, scope, id);
  return toReport(r, await listEvidenceOfReports(trx, [id]));
}
