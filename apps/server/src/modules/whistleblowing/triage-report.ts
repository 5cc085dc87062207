import { todayInShanghai } from '@duban/shared/civil-date';
import { handlingDue } from '@duban/shared/whistleblowing/whistle-policy';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { changeReport, loadReportInScope, requireStatus } from './report-writes.ts';
import { loadWhistlePolicy } from './whistle-policy.service.ts';
import { type HandlerScope, reportNotFound } from './whistleblowing.policy.ts';
import { findReport } from './whistleblowing.repository.ts';

/**
 * Triage of a received report (受理): accept (the 60-day limit starts; optionally assigned at once), not in our remit
 * (移送: the competent department is recorded and the reporter told), or a duplicate of an earlier report (linked;
 * the earlier report keeps the reward claim, so a duplicate never gets a reward proposal).
 */
export async function acceptReport(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; departmentId?: number | undefined },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['received'], '受理');
    if (input.departmentId !== undefined) await requireDepartment(trx, scope, input.departmentId);
    const policy = await loadWhistlePolicy(trx, scope.orgUnitId);
    const today = todayInShanghai(now);
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        status: input.departmentId ? 'investigating' : 'accepted',
        accepted_on: today,
        due_on: handlingDue(today, 0, policy),
        department_id: input.departmentId ?? null,
      },
      'whistle.accept',
      now,
    );
  });
}

export async function transferReport(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; transferTo: string; publicReply: string },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['received', 'accepted'], '移送');
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        status: 'transferred',
        transfer_to: input.transferTo,
        public_reply: input.publicReply,
        due_on: null,
        feedback_on: todayInShanghai(now),
      },
      'whistle.transfer',
      now,
    );
  });
}

export async function markDuplicate(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; duplicateOf: number },
  now = new Date(),
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    requireStatus(r, ['received', 'accepted'], '标记为重复举报');
    const first = await findReport(trx, scope.orgUnitId, input.duplicateOf);
    if (!first) throw reportNotFound();
    if (first.id === r.id || first.id > r.id) {
      throw new AppError('bad_request', '重复举报只能关联到更早收到的举报 (duplicateOf must be an earlier report)');
    }
    const original = first.duplicate_of ?? first.id;
    return changeReport(
      trx,
      scope,
      r,
      input.version,
      {
        status: 'duplicate',
        duplicate_of: original,
        due_on: null,
        public_reply: '您反映的问题已有他人先行举报，已并入同一事项办理。',
      },
      'whistle.duplicate',
      now,
    );
  });
}

export async function requireDepartment(db: Db, scope: HandlerScope, departmentId: number): Promise<void> {
  const d = await findUnitDepartment(db, scope.orgUnitId, departmentId);
  if (!d) throw new AppError('bad_request', `部门 ${departmentId} 不存在 (unknown department)`);
}
