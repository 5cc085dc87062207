import { SubmitWhistleReportFields, type SubmitWhistleReportResponse } from '@duban/shared/contracts/whistleblowing';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { AbuseGuard } from './abuse-guard.ts';
import { type AttachmentStore, type StoredAttachment, tooLarge } from './attachment-store.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { MEDIA_LIMITS } from './media-type.ts';
import { generateReceiptCode, generateReceiptPassword } from './receipt-secrets.ts';
import { submitWhistleReport } from './submit-whistle-report.ts';

export interface PublicDeps {
  db: Db;
  key: WhistleKey;
  store: AttachmentStore;
  guard: AbuseGuard;
  orgUnitId: number;
}

const FIELD_LABELS: Record<string, string> = {
  category: '举报类别',
  enterpriseName: '被举报单位',
  place: '地点',
  description: '问题描述',
  anonymous: '是否匿名',
  name: '姓名',
  contact: '联系方式',
  consent: '举报须知',
  password: '查询密码（至少 8 位）',
  challengeAnswer: '验证题',
};

/**
 * Reads a public report's multipart body (JSON API and the HTML form alike): rate limits by address and network
 * first, then streams each file through the encrypting store (type sniffed, size capped), then checks the fields,
 * the honeypot and the one-time challenge. Anything refused removes the files already stored. A filled honeypot
 * gets a plausible receipt that names nothing, so a bot learns nothing.
 */
export async function intakePublicReport(
  deps: PublicDeps,
  request: FastifyRequest,
  /** Filled with the text fields as they arrive (the HTML form shows them again after an error). */
  raw: Record<string, string> = {},
): Promise<SubmitWhistleReportResponse> {
  const ip = request.ip;
  await deps.guard.checkReportRate(ip);
  return deps.guard.withUploadSlot(async () => {
    const stored: StoredAttachment[] = [];
    try {
      if (!request.isMultipart())
        throw new AppError('bad_request', '请以 multipart/form-data 提交 (multipart expected)');
      const parts = request.parts({
        limits: { fileSize: MEDIA_LIMITS.videoBytes, files: MEDIA_LIMITS.files, fields: 30, fieldSize: 20_000 },
      });
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'files') {
            part.file.resume();
            continue;
          }
          const a = await deps.store.put(part.file);
          if (part.file.truncated) {
            await deps.store.remove(a.storageKey);
            throw tooLarge();
          }
          stored.push(a);
        } else if (typeof part.value === 'string') {
          raw[part.fieldname] = part.value;
        }
      }
      if (raw.website) {
        await deps.guard.countReport(ip);
        throw new Honeypot();
      }
      const parsed = SubmitWhistleReportFields.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        const first = issues[0];
        const label = first ? (FIELD_LABELS[first.path] ?? first.path) : '';
        throw new AppError('validation_failed', `请检查“${label}”：${first?.message ?? ''}`, issues);
      }
      await deps.guard.verifyChallenge(parsed.data.challengeToken, parsed.data.challengeAnswer);
      await deps.guard.countReport(ip);
      return await submitWhistleReport(deps.db, deps.key, deps.orgUnitId, parsed.data, stored, null);
    } catch (error) {
      for (const a of stored) await deps.store.remove(a.storageKey);
      if (error instanceof Honeypot) return { receiptCode: generateReceiptCode(), password: generateReceiptPassword() };
      throw error;
    }
  });
}

class Honeypot extends Error {}
