import type { HazardSettings } from '@duban/shared/contracts/hazards';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { staleVersion } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { findSettingsRow, upsertSettingsRow } from './hazards.repository.ts';

/** The unit's hazard notification settings; defaults (everything on, remind 7 days before) when never saved. */
export async function loadHazardSettings(db: Db, orgUnitId: number): Promise<HazardSettings> {
  const r = await findSettingsRow(db, orgUnitId);
  if (!r)
    return { notifyPrincipal: true, notifyController: true, notifyDepartment: true, remindDaysBefore: 7, version: 0 };
  return {
    notifyPrincipal: r.notify_principal === 1,
    notifyController: r.notify_controller === 1,
    notifyDepartment: r.notify_department === 1,
    remindDaysBefore: r.remind_days_before,
    version: r.version,
  };
}

export async function saveHazardSettings(
  db: Db,
  scope: HazardActingScope,
  next: HazardSettings,
  now = new Date(),
): Promise<HazardSettings> {
  return inTransaction(db, async (trx) => {
    const current = await loadHazardSettings(trx, scope.orgUnitId);
    if (current.version !== next.version) throw staleVersion(current.version);
    await upsertSettingsRow(trx, {
      org_unit_id: scope.orgUnitId,
      notify_principal: next.notifyPrincipal ? 1 : 0,
      notify_controller: next.notifyController ? 1 : 0,
      notify_department: next.notifyDepartment ? 1 : 0,
      remind_days_before: next.remindDaysBefore,
      updated_at: now.toISOString(),
      version: current.version + 1,
    });
    await appendAudit(trx, {
      orgUnitId: scope.orgUnitId,
      actor: scope.actor,
      action: 'hazard_settings.update',
      entity: 'hazard_settings',
      entityId: scope.orgUnitId,
      before: current,
      after: { ...next, version: current.version + 1 },
    });
    return loadHazardSettings(trx, scope.orgUnitId);
  });
}
