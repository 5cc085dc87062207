import { todayInShanghai } from '@duban/shared/civil-date';
import type { RecordActionRequest, SupervisionActionResponse } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { assertOffice, occurrenceNotFound } from './supervision.policy.ts';
import { presentAction } from './supervision.present.ts';
import { findOccurrenceDue, insertSupervisionAction } from './supervision.repository.ts';

/**
 * The office records one step of the ladder (提醒 → 催办通知 → 督办单 → 约谈 → 通报批评) on an occurrence.
 * The record belongs to the occurrence's department. The order is not enforced: the office may go straight
 * to a notice for serious lateness. A notice needs a reply date, today or later.
 */
export async function recordSupervisionAction(
  db: Db,
  p: Principal,
  occurrenceId: number,
  input: RecordActionRequest,
  now: Date = new Date(),
): Promise<SupervisionActionResponse> {
  assertOffice(p);
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
    const occurrence = await findOccurrenceDue(trx, p.orgUnitId, occurrenceId);
    if (!occurrence) throw occurrenceNotFound();
    const inserted = await insertSupervisionAction(trx, {
      org_unit_id: p.orgUnitId,
      occurrence_id: occurrence.id,
      department_id: occurrence.department_id,
      kind: input.kind,
      note: input.note,
      reply_by: replyBy,
      actor: p.actor,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: p.orgUnitId,
        actor: p.actor,
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
    return inserted;
  });
  return presentAction(row);
}
