import { addDays, fromDayNumber } from '@duban/shared/civil-date';
import type { ReminderPolicy } from '@duban/shared/contracts/reminders';

/**
 * Which reminder and escalation steps of one open occurrence are due on a scan day. Pure: the caller passes the
 * day, the policy and the working-day calendar, and claims each returned step exactly once in the database.
 *
 * - Pre-due reminders fire `d` calendar days before the effective due date (`remind-7`, `remind-1`, `remind-0`).
 *   When several are due at once (the server was down) only the latest is sent and the older ones are skipped;
 *   once the due date has passed, none is sent (the escalation takes over). A reminder that would fire before the
 *   occurrence's window opens (last week's reminder for this week's duty) does not apply.
 * - Escalation fires n working days after the effective due date: 催办 (`urge`), 督办单 (`notice`), 约谈 flag
 *   (`interview`); after downtime each of them is still taken, in ladder order.
 * - Steps older than `catchUpDays` are ignored altogether.
 */
export type StepKind = 'reminder' | 'urge' | 'notice' | 'interview';

export interface PlannedStep {
  step: string;
  kind: StepKind;
  /** The day the step belongs to. */
  fireDate: string;
  /** Reminders only: calendar days before the due date. */
  daysBefore: number | null;
  action: 'send' | 'skip';
  /** Why a step is skipped. */
  reason: 'superseded' | 'overdue' | null;
}

export interface WorkingDayArithmetic {
  addWorkingDays(date: string, n: number): string;
}

export interface PlanInput {
  /** Effective due date: extended_due ?? due_date. */
  due: string;
  windowStart: string;
  scanDate: string;
  policy: ReminderPolicy;
  calendar: WorkingDayArithmetic;
}

export const ESCALATION_KINDS = ['urge', 'notice', 'interview'] as const;

export function reminderStepName(daysBefore: number): string {
  return `remind-${daysBefore}`;
}

export function planSteps({ due, windowStart, scanDate, policy, calendar }: PlanInput): PlannedStep[] {
  const oldest = addDays(scanDate, -policy.catchUpDays);
  const planned: PlannedStep[] = [];

  const reminders = policy.remindDaysBefore
    .map((d) => ({ d, fire: addDays(due, -d) }))
    .filter((r) => r.fire <= scanDate && r.fire >= oldest && r.fire >= windowStart)
    .sort((a, b) => (a.fire < b.fire ? -1 : a.fire > b.fire ? 1 : 0));
  const latest = reminders.at(-1);
  for (const r of reminders) {
    const send = r === latest && scanDate <= due;
    planned.push({
      step: reminderStepName(r.d),
      kind: 'reminder',
      fireDate: r.fire,
      daysBefore: r.d,
      action: send ? 'send' : 'skip',
      reason: send ? null : r === latest ? 'overdue' : 'superseded',
    });
  }

  if (scanDate > due) {
    const offsets: Record<(typeof ESCALATION_KINDS)[number], number | null> = {
      urge: policy.urgeAfterWorkingDays,
      notice: policy.noticeAfterWorkingDays,
      interview: policy.interviewAfterWorkingDays,
    };
    for (const kind of ESCALATION_KINDS) {
      const n = offsets[kind];
      if (n === null) continue;
      const fire = calendar.addWorkingDays(due, n);
      if (fire > scanDate) break;
      if (fire < oldest) continue;
      planned.push({ step: kind, kind, fireDate: fire, daysBefore: null, action: 'send', reason: null });
    }
  }
  return planned;
}

/** The scan day: the Shanghai civil date of `now` shifted back by the policy's daily start time. */
export function scanDateOf(now: Date, dailyAt: string): string {
  const [h = 0, m = 0] = dailyAt.split(':').map(Number);
  const shifted = now.getTime() + 8 * 3_600_000 - (h * 60 + m) * 60_000;
  return fromDayNumber(Math.floor(shifted / 86_400_000));
}
