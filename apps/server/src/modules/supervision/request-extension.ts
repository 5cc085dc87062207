import { todayInShanghai } from '@duban/shared/civil-date';
import type { ExtensionWithOccurrenceResponse, RequestExtensionRequest } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type DepartmentActingScope, occurrenceNotFound } from './supervision.policy.ts';
import { presentExtension, presentOccurrenceDue } from './supervision.present.ts';
import { findOccurrenceDue, findPendingExtension, insertExtension, lockOccurrence } from './supervision.repository.ts';

/**
 * A user of the occurrence's department asks for a later due date (延期). Only before the effective due date
 * (today in Asia/Shanghai ≤ extended_due ?? due_date), only for a later date, one pending request at a time.
 * `now` is the clock: tests pass their own.
 */
export async function requestExtension(
  db: Db,
  scope: DepartmentActingScope,
  occurrenceId: number,
  input: RequestExtensionRequest,
  now: Date = new Date(),
): Promise<ExtensionWithOccurrenceResponse> {
  const userId = scope.userId;
  const today = todayInShanghai(now);
  return db.transaction().execute(async (trx) => {
    await lockOccurrence(trx, occurrenceId);
    const occurrence = await findOccurrenceDue(trx, scope.orgUnitId, occurrenceId);
    // Another department's occurrence answers like a missing one.
    if (!occurrence || occurrence.department_id !== scope.departmentId) throw occurrenceNotFound();
    const effectiveDue = occurrence.extended_due ?? occurrence.due_date;
    if (occurrence.report_state === 'accepted') {
      throw new AppError('conflict', '该任务事项已审核通过办结，无需延期 (already accepted)');
    }
    if (today > effectiveDue) {
      throw new AppError(
        'conflict',
        `已超过完成时限（${effectiveDue}），延期须在到期前申请 (the due date has passed)`,
        { today, effectiveDue },
      );
    }
    if (input.requestedDue <= effectiveDue) {
      throw new AppError('validation_failed', `申请的新时限须晚于当前时限 ${effectiveDue} (requestedDue too early)`, [
        { path: 'requestedDue', message: `须晚于 ${effectiveDue}` },
      ]);
    }
    const pending = await findPendingExtension(trx, occurrence.id);
    if (pending) {
      throw new AppError('conflict', '该任务事项已有待审批的延期申请 (a request is already pending)', {
        pendingId: pending.id,
      });
    }
    const row = await insertExtension(trx, {
      org_unit_id: scope.orgUnitId,
      occurrence_id: occurrence.id,
      department_id: occurrence.department_id,
      reason: input.reason,
      original_due: effectiveDue,
      requested_due: input.requestedDue,
      status: 'pending',
      requested_by: userId,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'extension.request',
        entity: 'extension_request',
        entityId: row.id,
        after: {
          occurrenceId: row.occurrence_id,
          departmentId: row.department_id,
          reason: row.reason,
          originalDue: row.original_due,
          requestedDue: row.requested_due,
          status: row.status,
        },
      },
      now,
    );
    return { extension: presentExtension(row), occurrence: presentOccurrenceDue(occurrence) };
  });
}
