import {
  type HazardAction,
  type HazardFacts,
  type HazardStatus,
  nextStatus,
} from '@duban/shared/hazards/hazard-workflow';
import type { Updateable } from 'kysely';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { HazardTable } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { hazardNotFound } from './hazards.policy.ts';
import {
  findHazardInScope,
  type HazardRowWithEnterprise,
  insertEvent,
  lastAcceptanceResult,
  updateHazard,
} from './hazards.repository.ts';

// What every write of a hazard shares: load in scope (locked), check version and step, update, timeline, audit.

export const staleVersion = (currentVersion: number) =>
  new AppError('conflict', '隐患记录已被他人修改，请刷新后重试 (stale version)', { currentVersion });

/** The hazard in scope, locked; with `version`, a stale one is refused before any rule is checked. */
export async function loadHazard(
  trx: Db,
  scope: HazardActingScope,
  id: number,
  version?: number,
): Promise<HazardRowWithEnterprise> {
  const h = await findHazardInScope(trx, scope, id, true);
  if (!h) throw hazardNotFound();
  if (version !== undefined && h.version !== version) throw staleVersion(h.version);
  return h;
}

export async function factsOf(trx: Db, h: HazardRowWithEnterprise): Promise<HazardFacts> {
  return {
    status: h.status,
    level: h.level,
    hasBasis: h.basis_item_id !== null || h.basis_text !== '',
    hasPlan:
      [
        h.report_current_state,
        h.report_severity,
        h.report_plan,
        h.plan_responsible,
        h.plan_measures,
        h.plan_deadline,
        h.plan_contingency,
      ].every((v) => v !== null && v !== '') && h.plan_funds_yuan !== null,
    hasEvaluation: h.evaluation_kind !== null,
    lastAcceptance: await lastAcceptanceResult(trx, h.id),
  };
}

/** The target status of a step, or the refusal as an error (409; 销号 without acceptance: acceptance_required). */
export async function checkStep(trx: Db, h: HazardRowWithEnterprise, action: HazardAction): Promise<HazardStatus> {
  const r = nextStatus(await factsOf(trx, h), action);
  if (r.ok) return r.next;
  const code = r.refusal.code === 'acceptance_required' ? 'acceptance_required' : 'conflict';
  throw new AppError(code, r.refusal.message, { reason: r.refusal.code, status: h.status });
}

export function snapshot(h: Partial<HazardRowWithEnterprise>) {
  return {
    status: h.status,
    level: h.level,
    version: h.version,
    timeLimit: h.time_limit,
    closedOn: h.closed_on,
  };
}

/**
 * Applies a change in the caller's transaction: versioned update, one timeline event, one audit event.
 * Returns the new version.
 */
export async function applyChange(
  trx: Db,
  scope: HazardActingScope,
  h: HazardRowWithEnterprise,
  version: number,
  change: { kind: string; patch: Updateable<HazardTable>; text?: string; data?: unknown; now: Date },
): Promise<number> {
  if (h.version !== version) throw staleVersion(h.version);
  const next = await updateHazard(trx, h.id, version, { ...change.patch, updated_at: change.now.toISOString() });
  if (next === null) throw staleVersion(h.version);
  const statusAfter = change.patch.status ?? h.status;
  await insertEvent(trx, {
    hazard_id: h.id,
    kind: change.kind,
    status_after: statusAfter,
    text: change.text ?? '',
    data: JSON.stringify(change.data ?? {}),
    actor: scope.actor,
    actor_name: scope.actorName,
    at: change.now.toISOString(),
  });
  await appendAudit(trx, {
    orgUnitId: scope.orgUnitId,
    actor: scope.actor,
    action: `hazard.${change.kind}`,
    entity: 'hazard',
    entityId: h.id,
    before: snapshot(h),
    after: {
      ...snapshot({ ...h, ...(change.patch as Partial<HazardRowWithEnterprise>) }),
      version: next,
      data: change.data,
    },
  });
  return next;
}
