import type { ReplyToNoticeRequest, SupervisionActionResponse } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { canSeeDepartment, type DepartmentActingScope, supervisionActionNotFound } from './supervision.policy.ts';
import { presentAction } from './supervision.present.ts';
import { findSupervisionAction, type SupervisionActionRow, writeNoticeReply } from './supervision.repository.ts';

/** A user of the notice's department answers a 督办单 in writing, once. */
export async function replyToNotice(
  db: Db,
  scope: DepartmentActingScope,
  actionId: number,
  input: ReplyToNoticeRequest,
  now: Date = new Date(),
): Promise<SupervisionActionResponse> {
  const userId = scope.userId;
  const row = await db.transaction().execute(async (trx) => {
    const action = await findSupervisionAction(trx, scope.orgUnitId, actionId);
    if (!action || !canSeeDepartment(scope, action.department_id)) throw supervisionActionNotFound();
    assertReplyable(action, input.version);
    const at = now.toISOString();
    const updated = await writeNoticeReply(trx, action.id, input.version, { text: input.text, at, by: userId });
    if (!updated) {
      // Someone else got in between the read and the write: answer as if we had read their change.
      const current = await findSupervisionAction(trx, scope.orgUnitId, actionId);
      if (current) assertReplyable(current, input.version);
      throw new AppError('conflict', '督办单已被修改，请刷新后重试 (modified meanwhile)', {
        currentVersion: current?.version ?? null,
      });
    }
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'supervision.reply',
        entity: 'supervision_action',
        entityId: action.id,
        before: { replyText: null, version: action.version },
        after: { replyText: updated.reply_text, repliedAt: at, repliedBy: userId, version: updated.version },
      },
      now,
    );
    return updated;
  });
  return presentAction(row);
}

function assertReplyable(action: SupervisionActionRow, expectedVersion: number): void {
  if (action.kind !== 'notice') {
    throw new AppError('bad_request', '只有督办单需要书面回复 (only a notice takes a reply)', { kind: action.kind });
  }
  if (action.reply_text !== null) {
    throw new AppError('conflict', '该督办单已回复，不能重复回复 (already replied)', {
      repliedAt: action.replied_at,
      currentVersion: action.version,
    });
  }
  if (action.version !== expectedVersion) {
    throw new AppError('conflict', '督办单已被修改，请刷新后重试 (stale version)', {
      currentVersion: action.version,
    });
  }
}
