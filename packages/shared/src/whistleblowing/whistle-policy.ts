import { addDays, type CivilDate } from '../civil-date.ts';
import { DEFAULT_REWARD_TARIFF, type RewardTariff } from './reward-tariff.ts';

/**
 * The unit's whistleblowing policy. Time limits default to the 2012 rules' procedure: close within 60 days of
 * acceptance, at most 30 more with approval (the reporter told why), tell the reporter the result within 10 days
 * of the conclusion. Reminders fire `remindDaysBefore` days before each limit and an escalation on the day after.
 */
export interface WhistlePolicy {
  handleDays: number;
  maxExtensionDays: number;
  feedbackDays: number;
  remindDaysBefore: number;
  tariff: RewardTariff;
}

export const DEFAULT_WHISTLE_POLICY: WhistlePolicy = {
  handleDays: 60,
  maxExtensionDays: 30,
  feedbackDays: 10,
  remindDaysBefore: 7,
  tariff: DEFAULT_REWARD_TARIFF,
};

export function handlingDue(acceptedOn: CivilDate, extensionDays: number, policy: WhistlePolicy): CivilDate {
  return addDays(acceptedOn, policy.handleDays + extensionDays);
}

export function feedbackDue(concludedOn: CivilDate, policy: WhistlePolicy): CivilDate {
  return addDays(concludedOn, policy.feedbackDays);
}

export type DeadlineStep = 'remind' | 'overdue';

/** Which step of a limit is due on `today` (the scan claims each once per due date). */
export function deadlineStepsDue(due: CivilDate, today: CivilDate, policy: WhistlePolicy): DeadlineStep[] {
  const steps: DeadlineStep[] = [];
  if (today >= addDays(due, -policy.remindDaysBefore)) steps.push('remind');
  if (today > due) steps.push('overdue');
  return steps;
}
