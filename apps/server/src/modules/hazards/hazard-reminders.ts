import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { listEnterpriseSupervisors } from '../enterprises/enterprises.service.ts';
import { composeQueuedNotifications } from '../notifications/compose-notifications.ts';
import { notifyTimeLimit } from './hazard-notify.ts';
import { loadHazardSettings } from './hazard-settings.ts';
import {
  claimReminder,
  findHazardInScope,
  findListing,
  selectHazardsDueBy,
  selectUnitsWithTimeLimits,
  setClaimRecipients,
} from './hazards.repository.ts';

export type HazardReminderStep = 'remind' | 'due' | 'overdue';

/** Pure: the step a hazard's time limit calls for on a day (catching up: an overdue hazard gets only 'overdue'). */
export function reminderStepOn(timeLimit: string, today: string, remindDaysBefore: number): HazardReminderStep | null {
  if (today > timeLimit) return 'overdue';
  if (today === timeLimit) return 'due';
  if (today >= addDays(timeLimit, -remindDaysBefore)) return 'remind';
  return null;
}

export interface HazardScanResult {
  scanDate: string;
  sent: number;
  alreadyClaimed: number;
  notified: number;
}

/**
 * The reminder engine's idea applied to hazards' time limits: each (hazard, effective time limit, step) is claimed
 * exactly once with `insert … on conflict do nothing` on hazard_reminder_claims, in one transaction with its
 * outbox rows (notifications module) and audit event, after locking the hazard and re-checking that it is still open with the same
 * time limit. A re-run, a restart or a second instance finds the claim and does nothing; an approved extension
 * changes the time limit and so starts a new set. Overdue hazards escalate to the office (挂账 follow-up).
 */
export async function runHazardReminderScan(db: Db, orgUnitId: number, now = new Date()): Promise<HazardScanResult> {
  const today = todayInShanghai(now);
  const settings = await loadHazardSettings(db, orgUnitId);
  const candidates = await selectHazardsDueBy(db, orgUnitId, addDays(today, settings.remindDaysBefore));
  const whole = {
    orgUnitId,
    role: 'office_admin' as const,
    enterpriseIds: null,
    ownEnterpriseId: null,
    departmentId: null,
  };
  const result: HazardScanResult = { scanDate: today, sent: 0, alreadyClaimed: 0, notified: 0 };
  for (const { id } of candidates) {
    await db.transaction().execute(async (trx) => {
      const h = await findHazardInScope(trx, whole, id, true);
      if (!h || h.time_limit === null || h.status === 'closed' || h.status === 'accepted') return;
      const step = reminderStepOn(h.time_limit, today, settings.remindDaysBefore);
      if (step === null) return;
      const claimId = await claimReminder(trx, {
        hazard_id: id,
        due_date: h.time_limit,
        step,
        scan_date: today,
        claimed_at: now.toISOString(),
      });
      if (claimId === null) {
        result.alreadyClaimed += 1;
        return;
      }
      const listing = await findListing(trx, id);
      const supervisors = await listEnterpriseSupervisors(trx, h.enterprise_id);
      const departmentIds = [
        ...new Set([
          ...(listing ? [listing.supervising_department_id] : []),
          ...supervisors.map((s) => s.department_id),
        ]),
      ];
      const n = await notifyTimeLimit(trx, { orgUnitId, hazard: h, step, departmentIds, now });
      await setClaimRecipients(trx, claimId, n);
      await appendAudit(trx, {
        orgUnitId,
        actor: 'system',
        action: `hazard.reminder_${step}`,
        entity: 'hazard',
        entityId: id,
        after: { timeLimit: h.time_limit, step, recipients: n },
      });
      result.sent += 1;
      result.notified += n;
    });
  }
  // The notices wait in the outbox: compose them now rather than at the scheduler's next pass.
  if (result.sent > 0) await composeQueuedNotifications(db, { now });
  return result;
}

/** The scheduled scan: every unit with open time limits (reminders/reminder-scheduler.ts calls it after its own). */
export async function runHazardReminderScanAllUnits(db: Db, now = new Date()): Promise<HazardScanResult[]> {
  const results: HazardScanResult[] = [];
  for (const unit of await selectUnitsWithTimeLimits(db)) results.push(await runHazardReminderScan(db, unit, now));
  return results;
}
