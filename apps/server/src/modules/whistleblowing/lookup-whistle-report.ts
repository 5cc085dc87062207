import { type LookupResponse, WHISTLE_STATUS_LABELS } from '@duban/shared/contracts/whistleblowing';
import { normaliseReceiptCode } from '@duban/shared/whistleblowing/receipt-code';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { AbuseGuard } from './abuse-guard.ts';
import { lookupKey, verifyReceiptPassword } from './receipt-secrets.ts';
import {
  clearLookupAttempt,
  findLookupAttempt,
  findReportByCode,
  findRewardOfReport,
  recordLookupFailure,
  type WhistleReportRow,
} from './whistleblowing.repository.ts';

export const LOOKUP_FAILURES_PER_CODE = 5;
export const LOOKUP_LOCK_MS = 15 * 60 * 1000;

/** One body for an unknown code and a wrong password. */
export const lookupNotFound = () => new AppError('not_found', '回执码或查询密码不正确 (not found)');
const locked = () => new AppError('too_many_attempts', '尝试次数过多，请 15 分钟后再试 (too many attempts)');

/**
 * Code + password → the report, or 404. Both a wrong password and an unknown code run one argon2 verification and
 * count one failure against what was typed, so neither the answer nor its timing tells them apart. Five failures
 * for one code within 15 minutes lock that code (known or not); twenty from one address lock the address.
 */
export async function authenticateReceipt(
  db: Db,
  guard: AbuseGuard,
  ip: string,
  receiptCode: string,
  password: string,
  now = new Date(),
): Promise<WhistleReportRow> {
  const code = normaliseReceiptCode(receiptCode);
  const key = lookupKey(code ?? receiptCode.trim().toUpperCase());
  if (await guard.lookupLocked(ip, now.getTime())) throw locked();
  const attempt = await findLookupAttempt(db, key);
  if (attempt?.locked_until && attempt.locked_until > now.toISOString()) throw locked();
  const report = code ? await findReportByCode(db, code) : undefined;
  const ok = await verifyReceiptPassword(report?.password_hash, password);
  if (!ok || !report) {
    await guard.countLookupFailure(ip, now.getTime());
    const lockedUntil = new Date(now.getTime() + LOOKUP_LOCK_MS).toISOString();
    await recordLookupFailure(db, key, now, LOOKUP_LOCK_MS, LOOKUP_FAILURES_PER_CODE, lockedUntil);
    throw lookupNotFound();
  }
  if (attempt) await clearLookupAttempt(db, key);
  return report;
}

export async function lookupWhistleReport(
  db: Db,
  guard: AbuseGuard,
  ip: string,
  receiptCode: string,
  password: string,
  now = new Date(),
): Promise<LookupResponse> {
  const r = await authenticateReceipt(db, guard, ip, receiptCode, password, now);
  return receiptView(db, r);
}

export async function receiptView(db: Db, r: WhistleReportRow): Promise<LookupResponse> {
  const reward = await findRewardOfReport(db, r.id);
  // The reporter sees a reward once it is approved; a proposal or a refusal stays internal.
  const status = reward?.status;
  const visible = status === 'approved' || status === 'claimed' || status === 'paid';
  return {
    status: r.status,
    statusLabel: WHISTLE_STATUS_LABELS[r.status],
    updatedAt: r.updated_at,
    publicReply: r.public_reply,
    reward:
      reward && visible
        ? {
            amountYuan: reward.amount_yuan,
            status,
            paidOn: reward.paid_on,
          }
        : null,
  };
}
