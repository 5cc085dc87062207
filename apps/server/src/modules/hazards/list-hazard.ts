import type { HazardResponse, ListHazardRequest } from '@duban/shared/contracts/hazards';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import { listEnterpriseSupervisors } from '../enterprises/enterprises.service.ts';
import { composeQueuedNotifications } from '../notifications/compose-notifications.ts';
import { notifyListing } from './hazard-notify.ts';
import { applyChange, loadHazard } from './hazard-writes.ts';
import type { HazardActingScope } from './hazards.policy.ts';
import { findListing, insertListing, nextNoticeSeq } from './hazards.repository.ts';
import { getHazardDetail } from './read-hazards.ts';

/** Time limits of a listing are at most one year from the listing date. */
function oneYearAfter(date: string): string {
  const y = Number(date.slice(0, 4)) + 1;
  return `${y}${date.slice(4)}`;
}

/**
 * 挂牌督办 of a major hazard (the office): level, listing unit, supervising department, date, batch and time
 * limit; the notice gets the unit's next number of the year (督办〔YYYY〕N号). The time limit becomes the hazard's.
 * In the same transaction the notice is queued in the notifications outbox for the enterprise's accounts (主要负责人 /
 * 实际控制人 named in the text, configurable) and the supervising departments' accounts and channels; it is
 * composed right after the commit (in-app, e-mail, DingTalk/WeCom/Feishu/webhooks through the delivery worker).
 */
export async function listHazard(
  db: Db,
  scope: HazardActingScope,
  id: number,
  req: ListHazardRequest,
  now = new Date(),
): Promise<HazardResponse> {
  await inTransaction(db, async (trx) => {
    const h = await loadHazard(trx, scope, id, req.version);
    if (h.level !== 'major')
      throw new AppError('conflict', '只有重大事故隐患才能挂牌督办 (only major hazards are listed)');
    if (h.status === 'closed' || h.status === 'accepted') {
      throw new AppError('conflict', '隐患已验收或销号，不能挂牌督办 (already accepted)', { status: h.status });
    }
    if (await findListing(trx, id)) throw new AppError('conflict', '该隐患已挂牌督办 (already listed)');
    if (req.timeLimit < req.listedOn || req.timeLimit > oneYearAfter(req.listedOn)) {
      throw new AppError('validation_failed', '挂牌督办的整改时限应在挂牌日期之后、一年之内', { field: 'timeLimit' });
    }
    const dept = await findUnitDepartment(trx, scope.orgUnitId, req.supervisingDepartmentId);
    if (!dept) throw new AppError('validation_failed', '督办部门不存在', { field: 'supervisingDepartmentId' });
    const year = Number(req.listedOn.slice(0, 4));
    const seq = await nextNoticeSeq(trx, scope.orgUnitId, year);
    const noticeNo = `督办〔${year}〕${seq}号`;
    await insertListing(trx, {
      org_unit_id: scope.orgUnitId,
      hazard_id: id,
      listing_level: req.listingLevel,
      listing_unit: req.listingUnit,
      supervising_department_id: req.supervisingDepartmentId,
      listed_on: req.listedOn,
      batch_no: req.batchNo,
      notice_no: noticeNo,
      notice_year: year,
      notice_seq: seq,
      time_limit: req.timeLimit,
      requirements: req.requirements,
      created_by: scope.actor,
      created_at: now.toISOString(),
    });
    await applyChange(trx, scope, h, req.version, {
      kind: 'listing',
      patch: { time_limit: req.timeLimit },
      text: `${req.listingUnit}挂牌督办（${noticeNo}，第${req.batchNo}批），督办部门：${dept.name}，整改时限：${req.timeLimit}`,
      data: { noticeNo, timeLimit: req.timeLimit },
      now,
    });
    const supervisors = await listEnterpriseSupervisors(trx, h.enterprise_id);
    await notifyListing(trx, {
      orgUnitId: scope.orgUnitId,
      hazard: h,
      noticeNo,
      timeLimit: req.timeLimit,
      departmentIds: [...new Set([req.supervisingDepartmentId, ...supervisors.map((s) => s.department_id)])],
      now,
    });
  });
  // Compose now, so the enterprise's and the department's bells (and their channels) get it at once.
  await composeQueuedNotifications(db, { now }).catch((error: unknown) =>
    console.error(`通知生成失败: ${error instanceof Error ? error.message : String(error)}`),
  );
  return getHazardDetail(db, scope, id);
}
