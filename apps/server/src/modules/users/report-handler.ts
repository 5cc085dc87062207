import { AppError } from '../../core/app-error.ts';
import { OFFICE_ROLES } from '../../core/principal.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { findReportHandlerFlag, listReportHandlerIds, setReportHandlerFlag } from './users.repository.ts';

/**
 * The whistleblower-handler permission (举报受理人): only office accounts can hold it, only an office_admin grants
 * or withdraws it, and every change is audited. The whistleblowing policy asks here on every request.
 */
export async function isReportHandler(db: Db, orgUnitId: number, userId: number): Promise<boolean> {
  const u = await findReportHandlerFlag(db, orgUnitId, userId);
  return !!u && u.disabled === 0 && u.can_handle_reports === 1 && OFFICE_ROLES.includes(u.role);
}

export async function setReportHandler(
  db: Db,
  by: { orgUnitId: number; actor: string },
  userId: number,
  flag: boolean,
): Promise<{ userId: number; canHandleReports: boolean }> {
  return inTransaction(db, async (trx) => {
    const u = await findReportHandlerFlag(trx, by.orgUnitId, userId);
    if (!u) throw new AppError('not_found', '账号不存在 (user not found)');
    if (flag && !OFFICE_ROLES.includes(u.role)) {
      throw new AppError('bad_request', '只有安委办账号可以授予举报受理权限 (only office accounts can handle reports)');
    }
    await setReportHandlerFlag(trx, userId, flag);
    await appendAudit(trx, {
      orgUnitId: by.orgUnitId,
      actor: by.actor,
      action: 'user.report_handler',
      entity: 'user',
      entityId: userId,
      before: { canHandleReports: u.can_handle_reports === 1 },
      after: { canHandleReports: flag },
    });
    return { userId, canHandleReports: flag };
  });
}

export function reportHandlerIds(db: Db, orgUnitId: number): Promise<number[]> {
  return listReportHandlerIds(db, orgUnitId);
}
