import type { PlanResponse } from '@duban/shared/contracts/inspections';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { planNotFound, staleVersion } from './inspections.policy.ts';
import { presentPlan } from './inspections.present.ts';
import { findPlan, updatePlanVersioned } from './inspections.repository.ts';

const NEXT = { approve: { from: 'draft', to: 'approved' }, publish: { from: 'approved', to: 'published' } } as const;

/** Plan approval (draft → approved) and publication (approved → published); a stale version gives 409. */
export async function advancePlan(
  db: Db,
  scope: { orgUnitId: number; actor: string },
  id: number,
  step: keyof typeof NEXT,
  version: number,
  now: Date = new Date(),
): Promise<PlanResponse> {
  const { from, to } = NEXT[step];
  const row = await db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, scope.orgUnitId, id);
    if (!plan) throw planNotFound();
    if (plan.version !== version) throw staleVersion(plan.version);
    if (plan.status !== from) {
      throw new AppError('conflict', step === 'approve' ? '只有草稿计划可以批准' : '只有已批准的计划可以公布', {
        status: plan.status,
      });
    }
    const stamp = now.toISOString();
    const updated = await updatePlanVersioned(trx, id, version, {
      status: to,
      ...(step === 'approve' ? { approved_by: scope.actor, approved_at: stamp } : { published_at: stamp }),
    });
    if (!updated) throw staleVersion(plan.version + 1);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: `inspection_plan.${step}`,
        entity: 'inspection_plan',
        entityId: id,
        before: { status: from },
        after: { status: to },
      },
      now,
    );
    return updated;
  });
  return presentPlan(row);
}
