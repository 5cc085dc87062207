import type { CreateEnterpriseRequest, EnterpriseResponse } from '@duban/shared/contracts/enterprises';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { duplicateCode, isDuplicateCode, resolveEnterpriseInput, writeRelatedAndVersion } from './enterprise-writes.ts';
import type { EnterpriseActingScope } from './enterprises.policy.ts';
import { findEnterpriseByCode, insertEnterprise } from './enterprises.repository.ts';

/** The office registers an enterprise: code checked (GB 32100), version 1 recorded, audited, one transaction. */
export async function createEnterprise(
  db: Db,
  scope: EnterpriseActingScope,
  input: CreateEnterpriseRequest,
  now: Date = new Date(),
): Promise<EnterpriseResponse> {
  const resolved = await resolveEnterpriseInput(db, scope.orgUnitId, input);
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      if (await findEnterpriseByCode(trx, scope.orgUnitId, resolved.values.credit_code)) {
        throw duplicateCode(resolved.values.credit_code);
      }
      const row = await insertEnterprise(trx, scope.orgUnitId, { ...resolved.values, opened_on: input.openedOn }, at);
      const view = await writeRelatedAndVersion(trx, row, resolved, 'created', scope.actor, at);
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'enterprise.create',
          entity: 'enterprise',
          entityId: row.id,
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
