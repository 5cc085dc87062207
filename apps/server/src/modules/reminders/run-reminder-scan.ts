import { addDays } from '@duban/shared/civil-date';
import { HolidayCalendarError } from '@duban/shared/workdays/holiday-calendar';
import type { Db } from '../../db/database.ts';
import { loadWorkdayCalendar } from '../calendar/calendar.service.ts';
import { type ComposeResult, composeQueuedNotifications } from '../notifications/compose-notifications.ts';
import { loadRecipientDirectory, type RecipientDirectory } from '../notifications/enqueue-notification.ts';
import { claimOccurrenceSteps } from './claim-occurrence-steps.ts';
import { planSteps, scanDateOf, type WorkingDayArithmetic } from './plan-steps.ts';
import { listCampaignPolicies, listClaimedKeys, listScanCandidates, stepKey } from './reminders.repository.ts';
import { parseStoredPolicy } from './reminders.service.ts';

/**
 * The reminder scan, run by the scheduler every few minutes (and by tests with a simulated clock): for every
 * campaign whose policy is on, every open occurrence near its effective due date gets the steps planSteps says
 * are due, each claimed exactly once (claim-occurrence-steps.ts); then the outbox is composed into in-app
 * notifications and deliveries. Safe to run again, concurrently, or after days of downtime.
 */
export interface ScanOptions {
  now: Date;
  /** Defaults to the bundled + loaded State Council arrangements. */
  calendar?: WorkingDayArithmetic;
}

export interface ScanResult {
  /** campaign id → the scan day used. */
  scanDates: Record<number, string>;
  sent: number;
  skipped: number;
  compose: ComposeResult;
  /** Occurrences whose escalation dates could not be computed (a year without holiday data), and the like. */
  problems: string[];
}

export async function runReminderScan(db: Db, options: ScanOptions): Promise<ScanResult> {
  const { now } = options;
  const calendar = options.calendar ?? (await loadWorkdayCalendar(db));
  const result: ScanResult = {
    scanDates: {},
    sent: 0,
    skipped: 0,
    compose: { notifications: 0, deliveries: 0, dropped: 0 },
    problems: [],
  };
  const directories = new Map<number, RecipientDirectory>();

  for (const campaign of await listCampaignPolicies(db)) {
    const policy = parseStoredPolicy(campaign.policy);
    if (!policy.enabled) continue;
    const scanDate = scanDateOf(now, policy.dailyAt);
    result.scanDates[campaign.campaign_id] = scanDate;
    // Generous bounds; planSteps decides exactly. 15 working days span at most ~3 weeks plus a long holiday.
    const longest = Math.max(
      policy.urgeAfterWorkingDays ?? 0,
      policy.noticeAfterWorkingDays ?? 0,
      policy.interviewAfterWorkingDays ?? 0,
    );
    const from = addDays(scanDate, -(policy.catchUpDays + Math.ceil((longest * 7) / 5) + 21));
    const to = addDays(scanDate, Math.max(0, ...policy.remindDaysBefore));
    const candidates = await listScanCandidates(db, campaign.campaign_id, from, to);
    if (candidates.length === 0) continue;
    const claimed = await listClaimedKeys(
      db,
      candidates.map((c) => c.id),
    );

    for (const occ of candidates) {
      const due = occ.extended_due ?? occ.due_date;
      let steps: ReturnType<typeof planSteps>;
      try {
        steps = planSteps({ due, windowStart: occ.window_start, scanDate, policy, calendar });
      } catch (error) {
        if (!(error instanceof HolidayCalendarError)) throw error;
        result.problems.push(`任务事项 ${occ.id}（截止 ${due}）: ${error.message}`);
        continue;
      }
      const pending = steps.filter((s) => !claimed.has(stepKey(occ.id, due, s.step)));
      if (pending.length === 0) continue;
      let directory = directories.get(occ.org_unit_id);
      if (!directory) {
        directory = await loadRecipientDirectory(db, occ.org_unit_id);
        directories.set(occ.org_unit_id, directory);
      }
      let done: Awaited<ReturnType<typeof claimOccurrenceSteps>>;
      try {
        done = await claimOccurrenceSteps(db, occ, pending, { scanDate, now, policy, calendar, directory });
      } catch (error) {
        // A reply date beyond the loaded holiday years: the transaction rolled back; the next scan tries again.
        if (!(error instanceof HolidayCalendarError)) throw error;
        result.problems.push(`任务事项 ${occ.id}（截止 ${due}）: ${error.message}`);
        continue;
      }
      for (const d of done) {
        if (d.status === 'sent') result.sent += 1;
        else result.skipped += 1;
      }
    }
  }
  result.compose = await composeQueuedNotifications(db, { now });
  return result;
}
