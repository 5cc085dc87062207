import type { IdentityResponse, WhistleReportView } from '@duban/shared/contracts/whistleblowing';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { AttachmentStore } from './attachment-store.ts';
import type { WhistleKey } from './identity-crypto.ts';
import { loadReportInScope } from './report-writes.ts';
import { canSee, type HandlerScope, reportNotFound, type WhistleScope } from './whistleblowing.policy.ts';
import {
  findAttachment,
  findIdentity,
  findReport,
  listAttachments,
  listReports,
  listRewardsOfReports,
  reportIdsWithIdentity,
  type WhistleAttachmentRow,
  type WhistleReportRow,
  type WhistleRewardRow,
} from './whistleblowing.repository.ts';

/** Reports as handlers and assigned departments see them: never the identity; attachments for handlers only. */
function toView(
  r: WhistleReportRow,
  scope: WhistleScope,
  withIdentity: Set<number>,
  attachments: WhistleAttachmentRow[],
  reward: WhistleRewardRow | undefined,
): WhistleReportView {
  const handler = scope.kind === 'handler';
  return {
    id: r.id,
    receiptCode: handler ? r.receipt_code : '',
    category: r.category as WhistleReportView['category'],
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    place: r.place,
    description: r.description,
    anonymous: r.anonymous === 1,
    isEmployee: handler ? r.is_employee === 1 : false,
    hasIdentity: handler ? withIdentity.has(r.id) : false,
    status: r.status,
    departmentId: r.department_id,
    transferTo: r.transfer_to,
    duplicateOf: r.duplicate_of,
    investigation: r.investigation,
    conclusion: r.conclusion as WhistleReportView['conclusion'],
    conclusionReason: r.conclusion_reason,
    hazardId: r.hazard_id,
    publicReply: r.public_reply,
    receivedOn: r.received_on,
    acceptedOn: r.accepted_on,
    dueOn: r.due_on,
    extensionDays: r.extension_days,
    extensionReason: r.extension_reason,
    concludedOn: r.concluded_on,
    feedbackDueOn: r.feedback_due_on,
    feedbackOn: r.feedback_on,
    attachments: handler
      ? attachments
          .filter((a) => a.report_id === r.id)
          .map((a) => ({ id: a.id, kind: a.kind, mime: a.mime, size: a.size }))
      : [],
    reward:
      handler && reward
        ? {
            id: reward.id,
            status: reward.status,
            amountYuan: reward.amount_yuan,
            computedYuan: reward.computed_yuan,
            version: reward.version,
          }
        : null,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

async function views(db: Db, scope: WhistleScope, rows: WhistleReportRow[]): Promise<WhistleReportView[]> {
  const ids = rows.map((r) => r.id);
  const handler = scope.kind === 'handler';
  const [withIdentity, attachments, rewards] = handler
    ? await Promise.all([reportIdsWithIdentity(db, ids), listAttachments(db, ids), listRewardsOfReports(db, ids)])
    : [new Set<number>(), [], []];
  return rows.map((r) =>
    toView(
      r,
      scope,
      withIdentity,
      attachments,
      rewards.find((w) => w.report_id === r.id),
    ),
  );
}

export async function listWhistleReports(db: Db, scope: WhistleScope, status?: string): Promise<WhistleReportView[]> {
  const rows = await listReports(db, scope.orgUnitId, {
    departmentId: scope.kind === 'department' ? scope.departmentId : null,
    ...(status ? { status } : {}),
  });
  return views(db, scope, rows);
}

export async function getWhistleReport(db: Db, scope: WhistleScope, id: number): Promise<WhistleReportView> {
  const r = await findReport(db, scope.orgUnitId, id);
  if (!r || !canSee(scope, r)) throw reportNotFound();
  const [view] = await views(db, scope, [r]);
  if (!view) throw reportNotFound();
  return view;
}

/** Opens the sealed identity for a handler; the opening itself is audited (who, when, which report — not what). */
export async function openIdentity(
  db: Db,
  key: WhistleKey,
  scope: HandlerScope,
  id: number,
  now = new Date(),
): Promise<IdentityResponse> {
  return inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, id);
    const sealed = await findIdentity(trx, r.id);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'whistle.identity.open',
        entity: 'whistle_report',
        touchesReadModels: false,
        entityId: r.id,
        after: { found: sealed !== undefined },
      },
      now,
    );
    if (!sealed) return { name: null, contact: null };
    const value = JSON.parse(key.open(sealed, `identity:${r.id}`)) as { name: string | null; contact: string | null };
    return { name: value.name ?? null, contact: value.contact ?? null };
  });
}

/** A handler opens an attachment (decrypted in memory); audited like the identity. */
export async function openAttachment(
  db: Db,
  store: AttachmentStore,
  scope: HandlerScope,
  reportId: number,
  attachmentId: number,
  now = new Date(),
): Promise<{ bytes: Buffer; mime: string; kind: string }> {
  const a = await inTransaction(db, async (trx) => {
    const r = await loadReportInScope(trx, scope, reportId);
    const found = await findAttachment(trx, r.id, attachmentId);
    if (!found) throw reportNotFound();
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'whistle.attachment.open',
        entity: 'whistle_attachment',
        touchesReadModels: false,
        entityId: found.id,
        after: { reportId: r.id },
      },
      now,
    );
    return found;
  });
  return { bytes: await store.read(a.storage_key), mime: a.mime, kind: a.kind };
}
