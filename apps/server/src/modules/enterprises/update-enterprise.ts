import type { EnterpriseResponse, UpdateEnterpriseRequest } from '@duban/shared/contracts/enterprises';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { duplicateCode, isDuplicateCode, resolveEnterpriseInput, writeRelatedAndVersion } from './enterprise-writes.ts';
import { type EnterpriseActingScope, enterpriseNotFound } from './enterprises.policy.ts';
import { presentEnterprise } from './enterprises.present.ts';
import {
  findEnterpriseByCode,
  findEnterpriseInScope,
  lockEnterprise,
  updateEnterpriseVersioned,
} from './enterprises.repository.ts';

export const staleEnterprise = (currentVersion: number) =>
  new AppError('conflict', '企业信息已被他人修改，请刷新后重试 (modified meanwhile)', { currentVersion });

/**
 * The office edits an enterprise (everything but its status, which changes through change-enterprise-status.ts).
 * A stale version gives 409 with details.currentVersion; the new version's snapshot and the audit event are
 * written in the same transaction.
 */
export async function updateEnterprise(
  db: Db,
  scope: EnterpriseActingScope,
  id: number,
  input: UpdateEnterpriseRequest,
  now: Date = new Date(),
): Promise<EnterpriseResponse> {
  const resolved = await resolveEnterpriseInput(db, scope.orgUnitId, input);
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      await lockEnterprise(trx, id);
      const before = await findEnterpriseInScope(trx, scope, id);
      if (!before) throw enterpriseNotFound();
      if (before.version !== input.version) throw staleEnterprise(before.version);
      const other = await findEnterpriseByCode(trx, scope.orgUnitId, resolved.values.credit_code);
      if (other && other.id !== id) throw duplicateCode(resolved.values.credit_code);
      const beforeView = await presentEnterprise(trx, before);
      const { status: _status, suspended_on: _s, closed_on: _c, ...values } = resolved.values;
      const row = await updateEnterpriseVersioned(trx, id, input.version, values, at);
      if (!row) throw staleEnterprise(before.version + 1);
      const view = await writeRelatedAndVersion(trx, row, resolved, 'updated', scope.actor, at);
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'enterprise.update',
          entity: 'enterprise',
          entityId: id,
          before: beforeView,
          after: view,
        },
        now,
      );
      return view;
    });
  } catch (error) {
    if (isDuplicateCode(error)) throw duplicateCode(resolved.values.credit_code);
    throw error;
  }
}
