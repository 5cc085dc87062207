import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

/** The reminder policy of the unit's campaigns: the office sets it; leaders may read it. */
export interface ReminderPolicyScope {
  orgUnitId: number;
}

export interface ReminderPolicyWriteScope extends ReminderPolicyScope {
  actor: string;
}

export function reminderPolicyReadScope(p: Principal): ReminderPolicyScope {
  if (!isOffice(p) && p.role !== 'leader') throw new AppError('forbidden', '没有权限查看提醒策略 (forbidden)');
  return { orgUnitId: p.orgUnitId };
}

export function reminderPolicyWriteScope(p: Principal): ReminderPolicyWriteScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以设置提醒策略 (office only)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}
