import type { LookupResponse } from '@duban/shared/contracts/whistleblowing';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { AbuseGuard } from './abuse-guard.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { authenticateReceipt, receiptView } from './lookup-whistle-report.ts';
import { changeReward } from './reward-writes.ts';
import { PUBLIC_ACTOR } from './submit-whistle-report.ts';
import { findRewardOfReport } from './whistleblowing.repository.ts';

/** The reporter claims an approved reward with code + password; how to pay is sealed (never in the audit). */
export async function claimReward(
  db: Db,
  key: WhistleKey,
  guard: AbuseGuard,
  ip: string,
  input: { receiptCode: string; password: string; payee: string },
  now = new Date(),
): Promise<LookupResponse> {
  const report = await authenticateReceipt(db, guard, ip, input.receiptCode, input.password, now);
  await inTransaction(db, async (trx) => {
    const w = await findRewardOfReport(trx, report.id);
    if (w?.status !== 'approved') throw new AppError('conflict', '暂无可领取的奖励 (no approved reward)');
    await changeReward(
      trx,
      { orgUnitId: report.org_unit_id, actor: PUBLIC_ACTOR },
      w,
      w.version,
      {
        status: 'claimed',
        claimed_at: now.toISOString(),
        payee_sealed: key.seal(JSON.stringify({ payee: input.payee }), `payee:${w.id}`),
      },
      'whistle.reward.claim',
      now,
    );
  });
  return receiptView(db, report);
}
