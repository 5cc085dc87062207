import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal, requireUserId } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { isReportHandler } from '../users/report-handler.ts';

/**
 * Who may do what with whistleblower reports (举报):
 * - handlers (office accounts with users.can_handle_reports, signed in with a session — never an API token): read and
 *   handle every report, open attachments and the sealed identity (each opening audited), propose rewards;
 *   approving a reward and the extension of a time limit also need office_admin;
 * - a department account: reads the reports assigned to its department (without identity or attachments) and
 *   records its investigation; any other report answers 404 like a missing one;
 * - everyone else (office without the permission, leaders, enterprises, tokens): 403.
 */
export interface HandlerScope {
  kind: 'handler';
  orgUnitId: number;
  actor: string;
  userId: number;
  isAdmin: boolean;
}

export interface DepartmentScope {
  kind: 'department';
  orgUnitId: number;
  actor: string;
  userId: number;
  departmentId: number;
}

export type WhistleScope = HandlerScope | DepartmentScope;

const forbidden = () => new AppError('forbidden', '没有举报受理权限 (forbidden)');
export const reportNotFound = () => new AppError('not_found', '举报不存在 (report not found)');
export const rewardNotFound = () => new AppError('not_found', '奖励记录不存在 (reward not found)');

export async function handlerScope(db: Db, p: Principal): Promise<HandlerScope> {
  if (p.kind !== 'session' || !isOffice(p) || p.userId === null) throw forbidden();
  if (!(await isReportHandler(db, p.orgUnitId, p.userId))) throw forbidden();
  return {
    kind: 'handler',
    orgUnitId: p.orgUnitId,
    actor: p.actor,
    userId: p.userId,
    isAdmin: p.role === 'office_admin',
  };
}

export async function adminHandlerScope(db: Db, p: Principal): Promise<HandlerScope> {
  const s = await handlerScope(db, p);
  if (!s.isAdmin) throw new AppError('forbidden', '此操作须由安委办管理员审批 (office_admin only)');
  return s;
}

/** Handlers, or a department reading / investigating the reports assigned to it. */
export async function readScope(db: Db, p: Principal): Promise<WhistleScope> {
  if (p.role === 'department' && p.departmentId !== null && p.kind === 'session') {
    return {
      kind: 'department',
      orgUnitId: p.orgUnitId,
      actor: p.actor,
      userId: requireUserId(p),
      departmentId: p.departmentId,
    };
  }
  return handlerScope(db, p);
}

export function canSee(scope: WhistleScope, report: { department_id: number | null }): boolean {
  return scope.kind === 'handler' || report.department_id === scope.departmentId;
}

/** office_admin manages who holds the handler permission. */
export function permissionAdmin(p: Principal): { orgUnitId: number; actor: string } {
  if (p.role !== 'office_admin') throw new AppError('forbidden', '没有权限执行此操作 (forbidden)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}
