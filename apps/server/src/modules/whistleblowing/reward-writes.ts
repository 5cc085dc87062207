import { todayInShanghai } from '@duban/shared/civil-date';
import type { ProposeRewardRequest, RewardView } from '@duban/shared/contracts/whistleblowing';
import { computeReward } from '@duban/shared/whistleblowing/reward-tariff';
import type { Updateable } from 'kysely';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { WhistleRewardTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { loadReportInScope } from './report-writes.ts';
import { loadWhistlePolicy } from './whistle-policy.service.ts';
import { type HandlerScope, rewardNotFound } from './whistleblowing.policy.ts';
import {
  findReward,
  findRewardOfReport,
  insertReward,
  listRewards,
  updateReward,
  type WhistleRewardRow,
} from './whistleblowing.repository.ts';

/**
 * Rewards (举报奖励): a handler proposes the tariff's amount for a verified report (not a duplicate: the first
 * reporter keeps the claim); an office_admin handler approves (possibly another amount, with a note) or refuses;
 * the reporter sees the approved amount on the receipt page and claims it with code + password; the office records
 * the paid date. Every step is versioned and audited; the payee details are sealed and never audited.
 */
export function rewardView(w: WhistleRewardRow, receiptCode: string): RewardView {
  return {
    id: w.id,
    reportId: w.report_id,
    receiptCode,
    basis: w.basis,
    fineYuan: w.fine_yuan,
    deaths: w.deaths,
    accidentGrade: w.accident_grade,
    computedYuan: w.computed_yuan,
    amountYuan: w.amount_yuan,
    note: w.note,
    status: w.status,
    proposedBy: w.proposed_by,
    proposedAt: w.proposed_at,
    decidedBy: w.decided_by,
    decidedAt: w.decided_at,
    claimedAt: w.claimed_at,
    paidOn: w.paid_on,
    version: w.version,
  };
}

const snapshot = (w: Partial<WhistleRewardRow>) => ({
  status: w.status,
  amount_yuan: w.amount_yuan,
  computed_yuan: w.computed_yuan,
  paid_on: w.paid_on,
  version: w.version,
});

export async function changeReward(
  trx: Db,
  actor: { orgUnitId: number; actor: string },
  w: WhistleRewardRow,
  version: number,
  changes: Updateable<WhistleRewardTable>,
  action: string,
  now: Date,
): Promise<number> {
  const stale = () =>
    new AppError('conflict', '奖励记录已被他人修改，请刷新后重试 (stale version)', { currentVersion: w.version });
  if (w.version !== version) throw stale();
  const next = await updateReward(trx, w.id, version, changes);
  if (next === null) throw stale();
  await appendAudit(
    trx,
    {
      orgUnitId: actor.orgUnitId,
      actor: actor.actor,
      action,
      entity: 'whistle_reward',
      touchesReadModels: false,
      entityId: w.id,
      before: snapshot(w),
      after: snapshot({ ...w, ...changes, version: next } as WhistleRewardRow),
    },
    now,
  );
  return next;
}

export async function proposeReward(
  db: Db,
  scope: HandlerScope,
  reportId: number,
  input: ProposeRewardRequest,
  now = new Date(),
): Promise<RewardView> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, reportId);
    if (r.status !== 'concluded' || r.conclusion !== 'verified') {
      throw new AppError('conflict', '只有查实办结的举报才能提出奖励 (only verified reports earn rewards)');
    }
    if (await findRewardOfReport(trx, r.id)) throw new AppError('conflict', '该举报已有奖励记录 (reward exists)');
    const policy = await loadWhistlePolicy(trx, scope.orgUnitId);
    const computed = computeReward(
      input.basis === 'fine'
        ? { basis: 'fine', fineYuan: input.fineYuan }
        : { basis: 'concealed_accident', deaths: input.deaths, grade: input.grade },
      policy.tariff,
    );
    const id = await insertReward(trx, {
      org_unit_id: scope.orgUnitId,
      report_id: r.id,
      basis: input.basis,
      fine_yuan: input.basis === 'fine' ? input.fineYuan : null,
      deaths: input.basis === 'concealed_accident' ? input.deaths : null,
      accident_grade: input.basis === 'concealed_accident' ? input.grade : null,
      computed_yuan: computed,
      amount_yuan: computed,
      tariff: JSON.stringify(policy.tariff),
      note: input.note ?? null,
      status: 'proposed',
      proposed_by: scope.actor,
      proposed_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'whistle.reward.propose',
        entity: 'whistle_reward',
        touchesReadModels: false,
        entityId: id,
        after: { reportId: r.id, basis: input.basis, computedYuan: computed },
      },
      now,
    );
    const w = await findReward(trx, scope.orgUnitId, id);
    if (!w) throw rewardNotFound();
    return rewardView(w, r.receipt_code);
  });
}

export async function decideReward(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; approve: boolean; amountYuan?: number | undefined; note?: string | undefined },
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const w = await findReward(trx, scope.orgUnitId, id);
    if (!w) throw rewardNotFound();
    if (w.status !== 'proposed') throw new AppError('conflict', '奖励已审批 (already decided)');
    if (input.approve && input.amountYuan !== undefined && input.amountYuan !== w.computed_yuan && !input.note) {
      throw new AppError('bad_request', '审批金额与测算金额不同，须写明理由 (note required)');
    }
    await changeReward(
      trx,
      scope,
      w,
      input.version,
      {
        status: input.approve ? 'approved' : 'refused',
        amount_yuan: input.approve ? (input.amountYuan ?? w.computed_yuan) : w.amount_yuan,
        note: input.note ?? w.note,
        decided_by: scope.actor,
        decided_at: now.toISOString(),
      },
      input.approve ? 'whistle.reward.approve' : 'whistle.reward.refuse',
      now,
    );
  });
}

export async function markRewardPaid(
  db: Db,
  scope: HandlerScope,
  id: number,
  input: { version: number; paidOn: string },
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const w = await findReward(trx, scope.orgUnitId, id);
    if (!w) throw rewardNotFound();
    if (w.status !== 'claimed' && w.status !== 'approved') {
      throw new AppError('conflict', '奖励尚未审批通过 (not approved)');
    }
    if (input.paidOn > todayInShanghai(now)) throw new AppError('bad_request', '发放日期不能晚于今天');
    await changeReward(
      trx,
      scope,
      w,
      input.version,
      { status: 'paid', paid_on: input.paidOn },
      'whistle.reward.pay',
      now,
    );
  });
}

export async function listRewardViews(db: Db, scope: HandlerScope): Promise<RewardView[]> {
  return (await listRewards(db, scope.orgUnitId)).map((w) => rewardView(w, w.receipt_code));
}
