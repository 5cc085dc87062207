import type { ReviewSubmissionRequest, Submission } from '@duban/shared/contracts/rollup';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type RollupActingScope, submissionNotFound } from './rollup.policy.ts';
import { findSubmission, findUnit, reviewSubmissionRow } from './rollup.repository.ts';
import { submissionView } from './submissions.ts';

/**
 * The parent unit's office accepts a child's submitted period report or returns it with a reason (the child then
 * submits again as the next seq). Only the unit the report was sent to reviews it; any other sees 404. A stale
 * version or a report already reviewed answers 409.
 */
export async function reviewSubmission(
  db: Db,
  scope: RollupActingScope,
  id: number,
  input: ReviewSubmissionRequest,
  now = new Date(),
): Promise<Submission> {
  return db.transaction().execute(async (trx) => {
    const s = await findSubmission(trx, id);
    if (!s || s.parent_unit_id !== scope.homeUnitId) throw submissionNotFound();
    if (s.status !== 'submitted') {
      throw new AppError('conflict', '该报告已审核，不能再次审核 (already reviewed)', { status: s.status });
    }
    if (s.version !== input.version) {
      throw new AppError('conflict', '报告已被他人修改，请刷新后重试 (stale version)', { currentVersion: s.version });
    }
    const status = input.decision === 'accept' ? 'accepted' : 'returned';
    const returnReason = input.decision === 'return' ? input.reason : null;
    const done = await reviewSubmissionRow(trx, id, s.version, {
      status,
      return_reason: returnReason,
      reviewed_by: scope.userId,
      reviewed_at: now.toISOString(),
    });
    if (!done) throw new AppError('conflict', '报告已被他人修改，请刷新后重试 (stale version)');
    await appendAudit(
      trx,
      {
        orgUnitId: scope.homeUnitId,
        actor: scope.actor,
        action: input.decision === 'accept' ? 'rollup.accept' : 'rollup.return',
        entity: 'rollup_submission',
        entityId: id,
        before: { status: s.status, version: s.version },
        after: { status, returnReason, version: s.version + 1, unitId: s.org_unit_id, period: s.period_key },
      },
      now,
    );
    const after = await findSubmission(trx, id);
    const unit = await findUnit(trx, s.org_unit_id);
    if (!after || !unit) throw submissionNotFound();
    return submissionView(after, { id: unit.id, code: unit.code, name: unit.name, level: unit.level });
  });
}
