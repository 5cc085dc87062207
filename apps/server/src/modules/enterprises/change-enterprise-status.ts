import type { ChangeEnterpriseStatusRequest, EnterpriseResponse } from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { writeRelatedAndVersion } from './enterprise-writes.ts';
import { type EnterpriseActingScope, enterpriseNotFound } from './enterprises.policy.ts';
import { findEnterpriseInScope, lockEnterprise, updateEnterpriseVersioned } from './enterprises.repository.ts';
import { staleEnterprise } from './update-enterprise.ts';

/**
 * 在营 / 停产 / 关闭 with the date it happened. Reopening clears the suspension and closing dates. The supervision
 * responsibility list is built from the registry on every read, so a closed enterprise leaves it at once.
 */
export async function changeEnterpriseStatus(
  db: Db,
  scope: EnterpriseActingScope,
  id: number,
  input: ChangeEnterpriseStatusRequest,
  now: Date = new Date(),
): Promise<EnterpriseResponse> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await lockEnterprise(trx, id);
    const before = await findEnterpriseInScope(trx, scope, id);
    if (!before) throw enterpriseNotFound();
    if (before.version !== input.version) throw staleEnterprise(before.version);
    const dates =
      input.status === 'operating'
        ? { suspended_on: null, closed_on: null, opened_on: before.opened_on ?? input.on }
        : input.status === 'suspended'
          ? { suspended_on: input.on, closed_on: null }
          : { closed_on: input.on };
    const row = await updateEnterpriseVersioned(trx, id, input.version, { status: input.status, ...dates }, at);
    if (!row) throw staleEnterprise(before.version + 1);
    const view = await writeRelatedAndVersion(trx, row, null, `status:${input.status}`, scope.actor, at);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'enterprise.status',
        entity: 'enterprise',
        entityId: id,
        before: { status: before.status, version: before.version },
        after: { status: row.status, on: input.on, reason: input.reason, version: row.version },
      },
      now,
    );
    return view;
  });
}
