import type { ZoneLinkRequest, ZoneLinksResponse } from '@duban/shared/contracts/rollup';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { unitRef } from './read-rollup.ts';
import { type RollupActingScope, type RollupReadScope, unitNotFound } from './rollup.policy.ts';
import { findUnit, insertZoneLink, listZoneLinks, selectSubtree } from './rollup.repository.ts';

/** The unit's registry entries that stand for its child units, and the children that may be linked. */
export async function readZoneLinks(db: Db, scope: RollupReadScope): Promise<ZoneLinksResponse> {
  const links = await listZoneLinks(db, scope.homeUnitId);
  const children = (await selectSubtree(db, scope.homeUnitId)).filter((n) => n.depth === 1);
  return {
    links: links.map((l) => ({
      id: l.id,
      departmentId: l.department_id,
      departmentName: l.department_name,
      zone: { id: l.zone_id, code: l.code, name: l.name, level: l.level },
    })),
    children: children.map(unitRef),
  };
}

/**
 * A city or province makes a child unit the responsible unit of its list: one of its own registry entries (the
 * name its list uses, e.g. 忻州经济开发区管委会) stands for the child, so the list's duties of that entry are the
 * child's. The entry must be the unit's own and the child a direct child; an entry stands for one child only.
 */
export async function linkZone(
  db: Db,
  scope: RollupActingScope,
  input: ZoneLinkRequest,
  now = new Date(),
): Promise<ZoneLinksResponse> {
  const department = await findUnitDepartment(db, scope.homeUnitId, input.departmentId);
  if (!department) throw new AppError('not_found', '部门不存在 (department not found)');
  const zone = await findUnit(db, input.zoneUnitId);
  if (!zone || zone.parent_id !== scope.homeUnitId) throw unitNotFound();
  await db.transaction().execute(async (trx) => {
    const id = await insertZoneLink(trx, {
      orgUnitId: scope.homeUnitId,
      departmentId: department.id,
      zoneUnitId: zone.id,
      actor: scope.actor,
      now: now.toISOString(),
    });
    if (id === 0) {
      throw new AppError('conflict', '该部门或下级单位已关联 (the entry or the unit is already linked)');
    }
    await appendAudit(
      trx,
      {
        orgUnitId: scope.homeUnitId,
        actor: scope.actor,
        action: 'rollup.zone_link',
        entity: 'rollup_zone_link',
        entityId: id,
        after: { departmentId: department.id, zoneUnitId: zone.id },
      },
      now,
    );
  });
  return readZoneLinks(db, scope);
}
