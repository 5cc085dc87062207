import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';
import { requireCampaignId } from '../../core/unit-scope.ts';

/**
 * Who may do what with task lists, in one place. Reading a task table: the office and leaders see every task; a
 * department sees only the tasks it is assigned (directly or through a group); enterprises have no access.
 * Importing and changing lists is the office's job, in its own unit's campaign.
 */
export interface TaskTableScope {
  orgUnitId: number;
  /** null: every task of the list; else only this department's. */
  departmentId: number | null;
}

export interface ImportScope {
  orgUnitId: number;
  campaignId: number;
  actor: string;
}

export function taskTableScope(p: Principal): TaskTableScope {
  if (isOffice(p) || p.role === 'leader') return { orgUnitId: p.orgUnitId, departmentId: null };
  if (p.role === 'department' && p.departmentId !== null)
    return { orgUnitId: p.orgUnitId, departmentId: p.departmentId };
  throw new AppError('forbidden', '没有权限查看任务清单 (forbidden)');
}

export function importScope(p: Principal): ImportScope {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以导入任务清单 (office only)');
  return { orgUnitId: p.orgUnitId, campaignId: requireCampaignId(p), actor: p.actor };
}
