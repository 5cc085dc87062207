import { todayInShanghai } from '@duban/shared/civil-date';
import type { SubmitWhistleReportFields, SubmitWhistleReportResponse } from '@duban/shared/contracts/whistleblowing';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { StoredAttachment } from './attachment-store.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { generateReceiptCode, generateReceiptPassword, hashReceiptPassword } from './receipt-secrets.ts';
import {
  insertAttachment,
  insertIdentity,
  insertWhistleReport,
  receiptCodeExists,
} from './whistleblowing.repository.ts';

export const PUBLIC_ACTOR = 'public';

/**
 * Files a public report: receipt code and password (hashed), the report row, the identity sealed into its own table
 * (only when given), the already stored attachments, and one audit event that names no person — all in one
 * transaction. The generated password is returned once and never stored in clear.
 */
export async function submitWhistleReport(
  db: Db,
  key: WhistleKey,
  orgUnitId: number,
  fields: SubmitWhistleReportFields,
  attachments: StoredAttachment[],
  enterpriseId: number | null,
  now = new Date(),
): Promise<SubmitWhistleReportResponse> {
  const password = fields.password ?? generateReceiptPassword();
  const passwordHash = await hashReceiptPassword(password);
  let receiptCode = generateReceiptCode();
  while (await receiptCodeExists(db, receiptCode)) receiptCode = generateReceiptCode();
  const iso = now.toISOString();
  const name = fields.name?.trim() || null;
  const contact = fields.contact?.trim() || null;

  await inTransaction(db, async (trx) => {
    const id = await insertWhistleReport(trx, {
      org_unit_id: orgUnitId,
      receipt_code: receiptCode,
      password_hash: passwordHash,
      category: fields.category,
      enterprise_id: enterpriseId,
      enterprise_name: fields.enterpriseName,
      place: fields.place,
      description: fields.description,
      anonymous: fields.anonymous && !fields.isEmployee ? 1 : 0,
      is_employee: fields.isEmployee ? 1 : 0,
      status: 'received',
      received_on: todayInShanghai(now),
      created_at: iso,
      updated_at: iso,
    });
    if (name || contact) {
      await insertIdentity(trx, id, key.seal(JSON.stringify({ name, contact }), `identity:${id}`), iso);
    }
    for (const a of attachments) {
      await insertAttachment(trx, {
        report_id: id,
        storage_key: a.storageKey,
        kind: a.type.kind,
        mime: a.type.mime,
        size: a.size,
        created_at: iso,
      });
    }
    await appendAudit(
      trx,
      {
        orgUnitId,
        actor: PUBLIC_ACTOR,
        action: 'whistle.submit',
        entity: 'whistle_report',
        touchesReadModels: false,
        entityId: id,
        after: {
          category: fields.category,
          anonymous: fields.anonymous,
          identitySealed: !!(name || contact),
          attachments: attachments.length,
        },
      },
      now,
    );
  });
  return fields.password ? { receiptCode } : { receiptCode, password };
}
