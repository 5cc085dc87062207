import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

/**
 * Who may read a task table: the office and leaders see every task; a department sees only the tasks it is
 * assigned (directly or through a group); enterprises have no access. Returns the department to filter by.
 */
export function taskTableScope(p: Principal): { departmentId: number | null } {
  if (isOffice(p) || p.role === 'leader') return { departmentId: null };
  if (p.role === 'department' && p.departmentId !== null) return { departmentId: p.departmentId };
  throw new AppError('forbidden', '没有权限查看任务清单 (forbidden)');
}

/** Importing and changing lists is the office's job. */
export function assertCanImport(p: Principal): void {
  if (!isOffice(p)) throw new AppError('forbidden', '只有安委办可以导入任务清单 (office only)');
}
