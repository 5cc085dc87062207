import type { AddCatalogueItemRequest, CatalogueItem } from '@duban/shared/contracts/enterprises';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { EnterpriseActingScope } from './enterprises.policy.ts';
import { insertCatalogueItem, maxCatalogueSeq, selectCatalogue } from './enterprises.repository.ts';

/** The office adds an industry, special tag or risk class to the maintained catalogue (code custom_<n>). */
export async function addCatalogueItem(
  db: Db,
  scope: EnterpriseActingScope,
  input: AddCatalogueItemRequest,
  now: Date = new Date(),
): Promise<CatalogueItem> {
  return db.transaction().execute(async (trx) => {
    const existing = await selectCatalogue(trx);
    if (existing.some((c) => c.kind === input.kind && c.name === input.name)) {
      throw new AppError('conflict', `目录中已有“${input.name}”`, { field: 'name' });
    }
    const seq = (await maxCatalogueSeq(trx)) + 10;
    const row = await insertCatalogueItem(trx, {
      code: `custom_${seq}`,
      name: input.name,
      kind: input.kind,
      group_name: input.groupName,
      seq,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'enterprise_catalogue.add',
        entity: 'industry_catalogue',
        entityId: row.id,
        after: { code: row.code, name: row.name, kind: row.kind, groupName: row.group_name },
      },
      now,
    );
    return { id: row.id, code: row.code, name: row.name, kind: row.kind, groupName: row.group_name, active: true };
  });
}
