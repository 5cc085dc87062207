import { todayInShanghai } from '@duban/shared/civil-date';
import type { RecordActionRequest, SupervisionActionResponse } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { composeQueuedNotifications } from '../notifications/compose-notifications.ts';
import { enqueueManualStep } from '../notifications/occurrence-notices.ts';
import { claimManualStep } from '../reminders/reminders.repository.ts';
import { type OfficeScope, occurrenceNotFound } from './supervision.policy.ts';
import { presentAction } from './supervision.present.ts';
import { findOccurrenceDue, insertSupervisionAction } from './supervision.repository.ts';

/**
 * The office records one step of the ladder (提醒 → 催办通知 → 督办单 → 约谈 → 通报批评) on an occurrence.
 * The record belongs to the occurrence's department. The order is not enforced: the office may go straight
 * to a notice for serious lateness. A notice needs a reply date, today or later.
 */
export async function recordSupervisionAction(
  db: Db,
  scope: OfficeScope,
  occurrenceId: number,
  input: RecordActionRequest,
  now: Date = new Date(),
): Promise<SupervisionActionResponse> {
  const today = todayInShanghai(now);
  const replyBy = input.replyBy ?? null;
  if (input.kind === 'notice') {
    if (replyBy === null) {
      throw new AppError('validation_failed', '督办单须填写回复期限 (a notice needs replyBy)', [
        { path: 'replyBy', message: '必填' },
      ]);
    }
    if (replyBy < today) {
      throw new AppError('validation_failed', `回复期限不能早于今天（${today}）(replyBy is in the past)`, [
        { path: 'replyBy', message: `不能早于 ${today}` },
      ]);
    }
  } else if (replyBy !== null) {
    throw new AppError('validation_failed', '只有督办单才有回复期限 (replyBy is for notices only)', [
      { path: 'replyBy', message: '仅督办单可填' },
    ]);
  }

  const row = await db.transaction().execute(async (trx) => {
    const occurrence = await findOccurrenceDue(trx, scope.orgUnitId, occurrenceId);
    if (!occurrence) throw occurrenceNotFound();
    const inserted = await insertSupervisionAction(trx, {
      org_unit_id: scope.orgUnitId,
      occurrence_id: occurrence.id,
      department_id: occurrence.department_id,
      kind: input.kind,
      note: input.note,
      reply_by: replyBy,
      actor: scope.actor,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'supervision.record',
        entity: 'supervision_action',
        entityId: inserted.id,
        after: {
          occurrenceId: inserted.occurrence_id,
          departmentId: inserted.department_id,
          kind: inserted.kind,
          note: inserted.note,
          replyBy: inserted.reply_by,
        },
      },
      now,
    );
    // Heard like an automatic step: same outbox (in-app, e-mail, the department's robots).
    if (input.kind !== 'bulletin') {
      const stepId = await claimManualStep(trx, {
        orgUnitId: scope.orgUnitId,
        occurrenceId: occurrence.id,
        due: occurrence.extended_due ?? occurrence.due_date,
        kind: input.kind,
        actionId: inserted.id,
        today,
        now,
      });
      await enqueueManualStep(trx, {
        orgUnitId: scope.orgUnitId,
        stepId,
        occurrenceId: occurrence.id,
        kind: input.kind,
        supervisionActionId: inserted.id,
        replyBy,
        fireDate: today,
        now,
      });
    }
    return inserted;
  });
  // Compose now, so the department's bell shows it at once (the scan would within 10 minutes).
  await composeQueuedNotifications(db, { now }).catch((error: unknown) =>
    console.error(`通知生成失败: ${error instanceof Error ? error.message : String(error)}`),
  );
  return presentAction(row);
}
