import type { CreateHazardRequest } from '@duban/shared/contracts/hazards';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findStandardItem } from './hazard-standards.repository.ts';
import { type HazardScope, reachesEnterprise } from './hazards.policy.ts';
import { enterpriseInUnit, insertEvent, insertHazard } from './hazards.repository.ts';

/** Who records a hazard: an acting scope, or another module's service acting for a person (inspections, 举报). */
export interface HazardAuthor {
  orgUnitId: number;
  actor: string;
  actorName: string;
  userId: number | null;
}

export type CreateHazardInput = Omit<CreateHazardRequest, 'category' | 'basisText'> & {
  category?: string;
  basisText?: string;
};

/**
 * Records a hazard (status 'reported') with its first timeline event and audit event, in the caller's
 * transaction when there is one (other modules: an inspection's findings, a verified 举报, call it inside theirs).
 * An enterprise account reports only for its own enterprise and only as 企业自查; the scope must reach the
 * enterprise (404 otherwise, like a missing one).
 */
export async function createHazard(
  db: Db,
  scope: HazardScope,
  author: HazardAuthor,
  input: CreateHazardInput,
  now = new Date(),
): Promise<number> {
  const enterpriseId = scope.ownEnterpriseId ?? input.enterpriseId;
  if (enterpriseId === undefined) {
    throw new AppError('validation_failed', '请选择隐患所属企业 enterpriseId', { field: 'enterpriseId' });
  }
  if (
    scope.ownEnterpriseId !== null &&
    input.enterpriseId !== undefined &&
    input.enterpriseId !== scope.ownEnterpriseId
  ) {
    throw new AppError('not_found', '企业不存在 (enterprise not found)');
  }
  if (scope.ownEnterpriseId !== null && input.channel !== 'self_check') {
    throw new AppError('validation_failed', '企业账号只能上报企业自查发现的隐患（channel 须为 self_check）', {
      field: 'channel',
    });
  }
  if (!reachesEnterprise(scope, enterpriseId)) throw new AppError('not_found', '企业不存在 (enterprise not found)');
  return inTransaction(db, async (trx) => {
    if (!(await enterpriseInUnit(trx, author.orgUnitId, enterpriseId)))
      throw new AppError('not_found', '企业不存在 (enterprise not found)');
    if (input.basisItemId !== undefined && !(await findStandardItem(trx, input.basisItemId))) {
      throw new AppError('validation_failed', `判定依据条目 ${input.basisItemId} 不存在`, { field: 'basisItemId' });
    }
    const at = now.toISOString();
    const id = await insertHazard(trx, {
      org_unit_id: author.orgUnitId,
      enterprise_id: enterpriseId,
      channel: input.channel,
      level: input.level,
      status: 'reported',
      category: input.category ?? '',
      place: input.place,
      description: input.description,
      found_on: input.foundOn,
      found_by: input.foundBy,
      reported_by: author.userId,
      basis_item_id: input.basisItemId ?? null,
      basis_text: input.basisText ?? '',
      report_current_state: null,
      report_severity: null,
      report_plan: null,
      plan_responsible: null,
      plan_measures: null,
      plan_funds_yuan: null,
      plan_deadline: null,
      plan_contingency: null,
      time_limit: null,
      evaluation_kind: null,
      evaluation_org: null,
      evaluation_summary: null,
      evaluated_on: null,
      rectified_on: null,
      closed_on: null,
      closed_by: null,
      created_at: at,
      updated_at: at,
    });
    await insertEvent(trx, {
      hazard_id: id,
      kind: 'report',
      status_after: 'reported',
      text: input.description,
      data: JSON.stringify({ channel: input.channel, level: input.level }),
      actor: author.actor,
      actor_name: author.actorName,
      at,
    });
    await appendAudit(trx, {
      orgUnitId: author.orgUnitId,
      actor: author.actor,
      action: 'hazard.report',
      entity: 'hazard',
      entityId: id,
      after: { enterpriseId, channel: input.channel, level: input.level, status: 'reported', foundOn: input.foundOn },
    });
    return id;
  });
}
