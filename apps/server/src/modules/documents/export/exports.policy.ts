import { AppError } from '../../../core/app-error.ts';
import { isOffice, type Principal } from '../../../core/principal.ts';
import { type ActingScope, writeScope } from '../../progress/progress.policy.ts';

/**
 * Who may export and return task-list sheets:
 * - office and leaders export every row with every department's progress;
 * - a department exports only its own rows, with only its own progress;
 * - a returned sheet files reports, so it takes the progress domain's write scope: the office (for any department)
 *   or a department (for itself); leaders and enterprises may not.
 */
export function exportScope(p: Principal): { departmentId: number | null } {
  if (isOffice(p) || p.role === 'leader') return { departmentId: null };
  if (p.role === 'department' && p.departmentId !== null) return { departmentId: p.departmentId };
  throw new AppError('forbidden', '没有权限导出任务清单 (forbidden)');
}

export function returnScope(p: Principal): ActingScope {
  return writeScope(p);
}
