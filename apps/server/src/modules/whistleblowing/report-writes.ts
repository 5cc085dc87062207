import type { Updateable } from 'kysely';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { WhistleReportTable, WhistleStatus } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { canSee, reportNotFound, type WhistleScope } from './whistleblowing.policy.ts';
import { findReport, lockReport, updateReport, type WhistleReportRow } from './whistleblowing.repository.ts';

/** Shared steps of the handling use cases: load in scope (404 alike), state check, versioned write + audit. */

export async function loadReportInScope(db: Db, scope: WhistleScope, id: number): Promise<WhistleReportRow> {
  await lockReport(db, id);
  const r = await findReport(db, scope.orgUnitId, id);
  if (!r || !canSee(scope, r)) throw reportNotFound();
  return r;
}

export function requireStatus(r: WhistleReportRow, allowed: readonly WhistleStatus[], action: string): void {
  if (!allowed.includes(r.status)) {
    throw new AppError('conflict', `举报当前状态为“${r.status}”，不能${action} (wrong state)`, { status: r.status });
  }
}

export const staleVersion = (current: number) =>
  new AppError('conflict', '举报已被他人修改，请刷新后重试 (stale version)', { currentVersion: current });

/** Audit snapshots name no person: only the handling fields. */
const HANDLING_FIELDS = [
  'status',
  'department_id',
  'transfer_to',
  'duplicate_of',
  'conclusion',
  'conclusion_reason',
  'hazard_id',
  'public_reply',
  'due_on',
  'extension_days',
  'feedback_on',
  'version',
] as const satisfies readonly (keyof WhistleReportRow)[];

export function handlingSnapshot(r: Partial<WhistleReportRow>): Partial<WhistleReportRow> {
  return Object.fromEntries(HANDLING_FIELDS.map((field) => [field, r[field]]));
}

export async function changeReport(
  trx: Db,
  scope: WhistleScope,
  r: WhistleReportRow,
  version: number,
  changes: Updateable<WhistleReportTable>,
  action: string,
  now: Date,
): Promise<number> {
  if (r.version !== version) throw staleVersion(r.version);
  const next = await updateReport(trx, r.id, version, { ...changes, updated_at: now.toISOString() });
  if (next === null) throw staleVersion(r.version);
  const after = { ...r, ...changes, version: next } as WhistleReportRow;
  await appendAudit(
    trx,
    {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action,
      entity: 'whistle_report',
      touchesReadModels: false,
      entityId: r.id,
      before: handlingSnapshot(r),
      after: handlingSnapshot(after),
    },
    now,
  );
  return next;
}
