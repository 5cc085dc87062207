import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { OrgUnitTable } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findOrgUnitByCode, insertCampaign, insertOrgUnit } from './orgunits.repository.ts';
import { DEFAULT_CAMPAIGN } from './orgunits.service.ts';

export type OrgUnitLevel = OrgUnitTable['level'];

/** How deep each level sits: a unit's parent is always one of a higher level (province → city → county/zone). */
const DEPTH: Record<OrgUnitLevel, number> = { province: 0, city: 1, county: 2, zone: 2 };

export interface AddOrgUnitInput {
  parentCode: string;
  code: string;
  name: string;
  level: Exclude<OrgUnitLevel, 'province'>;
}

/**
 * Adds an org unit under its parent with the campaign every unit runs (the default 治本攻坚 campaign, so the unit
 * can import its own lists at once); one transaction, audited in the new unit. A code is unique in the deployment.
 */
export async function addOrgUnit(
  db: Db,
  actor: string,
  input: AddOrgUnitInput,
  now = new Date(),
): Promise<{ id: number; campaignId: number }> {
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) {
    throw new AppError('validation_failed', '单位代码只能包含字母、数字、_ 和 -（1–64 位）', [
      { path: 'code', message: '格式不正确' },
    ]);
  }
  if (!name || name.length > 100) {
    throw new AppError('validation_failed', '单位名称必填（不超过 100 字）', [{ path: 'name', message: '必填' }]);
  }
  return db.transaction().execute(async (trx) => {
    const parent = await findOrgUnitByCode(trx, input.parentCode);
    if (!parent) throw new AppError('not_found', `上级单位“${input.parentCode}”不存在`);
    if (DEPTH[parent.level] >= DEPTH[input.level]) {
      throw new AppError(
        'validation_failed',
        `${levelName(input.level)}不能设在${levelName(parent.level)}“${parent.name}”之下`,
      );
    }
    if (await findOrgUnitByCode(trx, code)) throw new AppError('conflict', `单位代码“${code}”已存在`);
    const at = now.toISOString();
    const id = await insertOrgUnit(trx, { parentId: parent.id, code, name, level: input.level, now: at });
    const campaignId = await insertCampaign(trx, { orgUnitId: id, ...DEFAULT_CAMPAIGN, now: at });
    await appendAudit(
      trx,
      {
        orgUnitId: id,
        actor,
        action: 'orgunit.create',
        entity: 'org_unit',
        entityId: id,
        after: { code, name, level: input.level, parent: parent.code, campaignId },
      },
      now,
    );
    return { id, campaignId };
  });
}

export function levelName(level: OrgUnitLevel): string {
  return { province: '省', city: '市', county: '县（区）', zone: '开发区' }[level];
}
