import { todayInShanghai } from '@duban/shared/civil-date';
import type {
  ConfirmHazardRequest,
  EvaluationRequest,
  HazardResponse,
  UpdatePlanRequest,
  VersionedRequest,
} from '@duban/shared/contracts/hazards';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findStandardItem } from './hazard-standards.repository.ts';
import { applyChange, checkStep, loadHazard } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { findListing } from './hazards.repository.ts';
import { getHazardDetail } from './read-hazards.ts';

// The plain transitions of the loop. Each: load in scope (locked), check the step against the state machine,
// versioned update + timeline + audit in one transaction, then the detail as the caller now sees it.

/** reported → confirmed; the level may be corrected here, a major hazard needs its basis. */
export async function confirmHazard(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: ConfirmHazardRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    if (req.basisItemId !== undefined && !(await findStandardItem(trx, req.basisItemId))) {
      throw new AppError('validation_failed', `判定依据条目 ${req.basisItemId} 不存在`, { field: 'basisItemId' });
    }
    const corrected = {
      ...h,
      level: req.level ?? h.level,
      basis_item_id: req.basisItemId ?? h.basis_item_id,
      basis_text: req.basisText ?? h.basis_text,
    };
    const status = await checkStep(trx, corrected, 'confirm');
    await applyChange(trx, scope, h, req.version, {
      kind: 'confirm',
      patch: {
        status,
        level: corrected.level,
        basis_item_id: corrected.basis_item_id,
        basis_text: corrected.basis_text,
      },
      text: req.note,
      data: { level: corrected.level },
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** The major-hazard report and the 五落实; sets the time limit from the plan unless a listing set one. */
export async function updatePlan(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: UpdatePlanRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    if (!['reported', 'confirmed', 'rectifying'].includes(h.status)) {
      throw new AppError('conflict', '验收申请提出后不能再修改治理方案 (plan is frozen)', { status: h.status });
    }
    const listing = await findListing(trx, id);
    await applyChange(trx, scope, h, req.version, {
      kind: 'plan',
      patch: {
        report_current_state: req.currentState,
        report_severity: req.severity,
        report_plan: req.plan,
        plan_responsible: req.responsible,
        plan_measures: req.measures,
        plan_funds_yuan: req.fundsYuan,
        plan_deadline: req.deadline,
        plan_contingency: req.contingency,
        time_limit: listing ? h.time_limit : req.deadline,
      },
      text: `责任人：${req.responsible}；资金：${req.fundsYuan} 元；时限：${req.deadline}`,
      data: { fundsYuan: req.fundsYuan, deadline: req.deadline },
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** confirmed → rectifying (a major hazard needs its report and 五落实 first). */
export async function startRectification(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: VersionedRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    const status = await checkStep(trx, h, 'start_rectification');
    await applyChange(trx, scope, h, req.version, {
      kind: 'start_rectification',
      patch: { status },
      text: req.note,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** The evaluation of the rectification's effect (self or a third party), while rectifying. */
export async function recordEvaluation(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: EvaluationRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    if (h.status !== 'rectifying') {
      throw new AppError('conflict', '只有整改中的隐患才能提交治理效果评估 (not rectifying)', { status: h.status });
    }
    await applyChange(trx, scope, h, req.version, {
      kind: 'evaluation',
      patch: {
        evaluation_kind: req.kind,
        evaluation_org: req.organisation,
        evaluation_summary: req.summary,
        evaluated_on: req.evaluatedOn,
      },
      text: `${req.kind === 'self' ? '自行评估' : '第三方评估'}（${req.organisation}）：${req.summary}`,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** rectifying → acceptance_requested (the written request; a major hazard needs its evaluation first). */
export async function requestAcceptance(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: VersionedRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    const status = await checkStep(trx, h, 'request_acceptance');
    await applyChange(trx, scope, h, req.version, {
      kind: 'request_acceptance',
      patch: { status, rectified_on: todayInShanghai(now) },
      text: req.note,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}

/** accepted → closed (销号). Without a passed acceptance: 409 acceptance_required (and the database refuses too). */
export async function closeHazard(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: VersionedRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    const status = await checkStep(trx, h, 'close');
    await applyChange(trx, scope, h, req.version, {
      kind: 'close',
      patch: { status, closed_on: todayInShanghai(now), closed_by: scope.userId },
      text: req.note,
      now,
    });
  });
  return getHazardDetail(db, scope, id);
}
