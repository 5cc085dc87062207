import type { RewardView } from '@duban/shared/contracts/whistleblowing';
import { ACCIDENT_GRADE_LABELS, type AccidentGrade } from '@duban/shared/whistleblowing/reward-tariff';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { listRewardViews } from './reward-writes.ts';
import { type HandlerScope, rewardNotFound } from './whistleblowing.policy.ts';
import { findReward } from './whistleblowing.repository.ts';

const STATUS: Record<RewardView['status'], string> = {
  proposed: '待审批',
  approved: '已批准，待领取',
  refused: '不予奖励',
  claimed: '已申领，待发放',
  paid: '已发放',
};

/**
 * The reward ledger (奖励台账) as .xlsx: receipt codes and amounts, never a name or contact. Every cell is text with
 * the `@` format, so nothing a reporter typed can become a formula.
 */
export async function rewardLedgerXlsx(db: Db, scope: HandlerScope): Promise<Buffer> {
  const rewards = await listRewardViews(db, scope);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('举报奖励台账');
  const header = [
    '序号',
    '回执码',
    '奖励依据',
    '罚款（元）/瞒报死亡人数',
    '测算金额（元）',
    '核定金额（元）',
    '状态',
    '审批',
    '领取时间',
    '发放日期',
    '备注',
  ];
  ws.addRow(header).font = { bold: true };
  rewards.forEach((w, i) => {
    const basis =
      w.basis === 'fine'
        ? '罚款额的15%（重大事故隐患、违法行为）'
        : `瞒报谎报事故（${ACCIDENT_GRADE_LABELS[w.accidentGrade as AccidentGrade] ?? ''}）`;
    const row = ws.addRow(
      [
        String(i + 1),
        w.receiptCode,
        basis,
        w.basis === 'fine' ? String(w.fineYuan ?? '') : `${w.deaths ?? ''} 人`,
        String(w.computedYuan),
        String(w.amountYuan),
        STATUS[w.status],
        w.decidedAt ? `${w.decidedBy ?? ''} ${w.decidedAt.slice(0, 10)}` : '',
        w.claimedAt ? w.claimedAt.slice(0, 10) : '',
        w.paidOn ?? '',
        w.note ?? '',
      ].map(String),
    );
    row.eachCell((c) => {
      c.numFmt = '@';
    });
  });
  ws.columns.forEach((c, i) => {
    c.width = [6, 16, 30, 18, 14, 14, 16, 24, 12, 12, 30][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Opens the sealed payee details of a claimed reward for a handler; audited. */
export async function openPayee(
  db: Db,
  key: WhistleKey,
  scope: HandlerScope,
  id: number,
  now = new Date(),
): Promise<{ payee: string | null }> {
  return inTransaction(db, async (trx) => {
    const w = await findReward(trx, scope.orgUnitId, id);
    if (!w) throw rewardNotFound();
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'whistle.payee.open',
        entity: 'whistle_reward',
        touchesReadModels: false,
        entityId: w.id,
        after: { found: w.payee_sealed !== null },
      },
      now,
    );
    if (!w.payee_sealed) return { payee: null };
    return { payee: (JSON.parse(key.open(w.payee_sealed, `payee:${w.id}`)) as { payee: string }).payee };
  });
}
