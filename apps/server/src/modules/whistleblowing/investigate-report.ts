import { handlingDue } from '@duban/shared/whistleblowing/whistle-policy';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { changeReport, loadReportInScope, requireStatus } from './report-writes.ts';
import { requireDepartment } from './triage-report.ts';
import { loadWhistlePolicy } from './whistle-policy.service.ts';
import type { HandlerScope, WhistleScope } from './whistleblowing.policy.ts';

/** 交办 to a department, the investigation record (核查情况), and the approved extension of the time limit. */
export async function assignReport(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; departmentId: number },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['accepted', 'investigating'], '交办');
    await requireDepartment(trx, scope, input.departmentId);
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      { status: 'investigating', department_id: input.departmentId },
      'whistle.assign',
      now,
    );
  });
}

export async function recordInvestigation(
  db: Db,
  scope: WhistleScope,
  id: number,
  input: { version: number; text: string },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['accepted', 'investigating'], '填写核查情况');
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      { status: 'investigating', investigation: input.text },
      'whistle.investigate',
      now,
    );
  });
}

/** At most `maxExtensionDays` in total, approved by an office_admin handler; the reporter is told why. */
export async function extendReport(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; days: number; reason: string },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['accepted', 'investigating'], '延期');
    const policy = await loadWhistlePolicy(trx, scope.orgUnitId);
    const total = r.extension_days + input.days;
    if (total > policy.maxExtensionDays) {
      throw new AppError(
        'bad_request',
        `延期合计不得超过 ${policy.maxExtensionDays} 日（已延期 ${r.extension_days} 日）`,
        {
          maxExtensionDays: policy.maxExtensionDays,
        },
      );
    }
    if (!r.accepted_on) throw new AppError('conflict', '举报尚未受理 (not accepted)');
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        extension_days: total,
        extension_reason: input.reason,
        extension_approved_by: scope.actor,
        due_on: handlingDue(r.accepted_on, total, policy),
        public_reply: `办理期限延长 ${total} 日。原因：${input.reason}`,
      },
      'whistle.extend',
      now,
    );
  });
}
