import { todayInShanghai } from '@duban/shared/civil-date';
import type {
  DecideHazardExtensionRequest,
  ExplanationRequest,
  HazardResponse,
  RequestHazardExtensionRequest,
} from '@duban/shared/contracts/hazards';
import { isOverdue } from '@duban/shared/hazards/hazard-workflow';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { applyChange, loadHazard } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { decideExtensionRow, insertExtension, listExtensions } from './hazards.repository.ts';
import { getHazardDetail } from './read-hazards.ts';

/** An extension of the time limit is asked by the enterprise or department and decided by the office. */
export async function requestHazardExtension(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: RequestHazardExtensionRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    if (h.status === 'closed' || h.status === 'accepted' || h.time_limit === null) {
      throw new AppError('conflict', '该隐患没有可延期的整改时限 (nothing to extend)', { status: h.status });
    }
    if (req.requestedLimit <= h.time_limit) {
      throw new AppError('validation_failed', `延期后的时限须晚于现时限 ${h.time_limit}`, { field: 'requestedLimit' });
    }
    if ((await listExtensions(trx, id)).some((e) => e.status === 'pending')) {
      throw new AppError('conflict', '已有待审批的延期申请 (an extension is pending)');
    }
    await insertExtension(trx, {
      hazard_id: id,
      current_limit: h.time_limit,
      requested_limit: req.requestedLimit,
      reason: req.reason,
      status: 'pending',
      requested_by: scope.actor,
      requested_at: now.toISOString(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
    });
    await applyChange(trx, scope, h, req.version, {
      kind: 'extension_request',
      patch: {},
      text: `申请将整改时限由 ${h.time_limit} 延至 ${req.requestedLimit}：${req.reason}`,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

export async function decideHazardExtension(
  db: Db,
  scope: HazardActingScope,
  id: number,
  extensionId: number,
  req: DecideHazardExtensionRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id);
    const ext = (await listExtensions(trx, id)).find((e) => e.id === extensionId);
    if (!ext) throw new AppError('not_found', '延期申请不存在 (extension not found)');
    const ok = await decideExtensionRow(trx, id, extensionId, req.version, {
      status: req.approve ? 'approved' : 'rejected',
      decided_by: scope.actor,
      decided_at: now.toISOString(),
      decision_note: req.note,
    });
    if (!ok) {
      throw new AppError('conflict', '延期申请已处理或已被他人修改 (extension already decided)', {
        currentVersion: ext.version,
      });
    }
    await applyChange(trx, scope, h, h.version, {
      kind: req.approve ? 'extension_approved' : 'extension_rejected',
      patch: req.approve ? { time_limit: ext.requested_limit } : {},
      text: req.approve ? `同意延期至 ${ext.requested_limit}。${req.note}` : `不同意延期。${req.note}`,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** 挂账: an overdue hazard stays on the books with the responsible unit's written explanation. */
export async function explainOverdue(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: ExplanationRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id);
    if (!isOverdue(h.status, h.time_limit, todayInShanghai(now))) {
      throw new AppError('conflict', '隐患未逾期，无需挂账说明 (not overdue)');
    }
    await applyChange(trx, scope, h, h.version, { kind: 'overdue_explanation', patch: {}, text: req.text, now });
  });
  return getHazardDetail(db, scope, id);
}
