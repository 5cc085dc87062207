import { AppError } from '../../core/app-error.ts';
import { isOffice, type Principal } from '../../core/principal.ts';

/** Knowledge articles are written by the office; everyone (no session) reads the published ones. */
export interface ArticleScope {
  orgUnitId: number;
  actor: string;
}

export function articleWriteScope(p: Principal): ArticleScope {
  if (!isOffice(p)) throw new AppError('forbidden', '没有权限执行此操作 (forbidden)');
  return { orgUnitId: p.orgUnitId, actor: p.actor };
}

export const articleNotFound = () => new AppError('not_found', '文章不存在 (article not found)');
