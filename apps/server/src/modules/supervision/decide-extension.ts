import type { DecideExtensionRequest, ExtensionWithOccurrenceResponse } from '@duban/shared/contracts/supervision';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { extensionNotFound, type OfficeDecisionScope, occurrenceNotFound } from './supervision.policy.ts';
import { presentExtension, presentOccurrenceDue } from './supervision.present.ts';
import {
  type ExtensionRow,
  findExtension,
  findOccurrenceDue,
  lockOccurrence,
  setOccurrenceExtendedDue,
  writeExtensionDecision,
} from './supervision.repository.ts';

/**
 * The office approves or refuses a pending extension, once. Approval sets occurrences.extended_due to the
 * requested date; due_date keeps the original. Both rows change in one transaction with their audit events.
 */
export async function decideExtension(
  db: Db,
  scope: OfficeDecisionScope,
  extensionId: number,
  input: DecideExtensionRequest,
  now: Date = new Date(),
): Promise<ExtensionWithOccurrenceResponse> {
  const userId = scope.userId;
  return db.transaction().execute(async (trx) => {
    const request = await findExtension(trx, scope.orgUnitId, extensionId);
    if (!request) throw extensionNotFound();
    await lockOccurrence(trx, request.occurrence_id);
    assertDecidable(request, input.version);
    const at = now.toISOString();
    const note = input.note === undefined || input.note === '' ? null : input.note;
    const status = input.approve ? 'approved' : 'refused';
    const decided = await writeExtensionDecision(trx, request.id, input.version, { status, by: userId, at, note });
    if (!decided) {
      const current = await findExtension(trx, scope.orgUnitId, extensionId);
      if (current) assertDecidable(current, input.version);
      throw new AppError('conflict', '延期申请已被修改，请刷新后重试 (modified meanwhile)', {
        currentVersion: current?.version ?? null,
      });
    }
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'extension.decide',
        entity: 'extension_request',
        entityId: request.id,
        before: { status: request.status, version: request.version },
        after: { status, decisionNote: note, decidedBy: userId, decidedAt: at, version: decided.version },
      },
      now,
    );

    const before = await findOccurrenceDue(trx, scope.orgUnitId, request.occurrence_id);
    if (!before) throw occurrenceNotFound();
    if (!input.approve) return { extension: presentExtension(decided), occurrence: presentOccurrenceDue(before) };

    await setOccurrenceExtendedDue(trx, before.id, decided.requested_due);
    const after = await findOccurrenceDue(trx, scope.orgUnitId, before.id);
    if (!after) throw occurrenceNotFound();
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'occurrence.extend',
        entity: 'occurrence',
        entityId: before.id,
        before: { dueDate: before.due_date, extendedDue: before.extended_due, version: before.version },
        after: {
          dueDate: after.due_date,
          extendedDue: after.extended_due,
          version: after.version,
          extensionId: decided.id,
        },
      },
      now,
    );
    return { extension: presentExtension(decided), occurrence: presentOccurrenceDue(after) };
  });
}

function assertDecidable(request: ExtensionRow, expectedVersion: number): void {
  if (request.status !== 'pending') {
    const label = request.status === 'approved' ? '已批准' : '已驳回';
    throw new AppError('conflict', `该延期申请${label}，不能重复审批 (already decided)`, {
      status: request.status,
      currentVersion: request.version,
    });
  }
  if (request.version !== expectedVersion) {
    throw new AppError('conflict', '延期申请已被修改，请刷新后重试 (stale version)', {
      currentVersion: request.version,
    });
  }
}
