import type { ReportResponse } from '@duban/shared/contracts/progress';
import type { ZoneReportDraftResponse, ZoneReportRequest } from '@duban/shared/contracts/rollup';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { createReport } from '../progress/create-report.ts';
import { editReport } from '../progress/edit-report.ts';
import type { ActingScope } from '../progress/progress.policy.ts';
import { submitReport } from '../progress/submit-report.ts';
import { dutyNotFound, type RollupActingScope, type RollupReadScope } from './rollup.policy.ts';
import { acceptedReportsForDuty, findUpperDuty, latestReportsOf } from './rollup.repository.ts';
import { requireZoneLink } from './upper-duties.ts';

/** The zone's duty in its parent's list (404 when the occurrence is not the zone's). */
async function zoneDuty(db: Db, zoneUnitId: number, occurrenceId: number) {
  const link = await requireZoneLink(db, zoneUnitId);
  const duty = await findUpperDuty(db, link.org_unit_id, link.department_id, occurrenceId);
  if (!duty) throw dutyNotFound();
  return { link, duty };
}

/**
 * The zone's report on an upper duty, pre-filled from its departments' ACCEPTED progress on the own tasks linked to
 * the duty's task, for their occurrences due within the duty's window: one `部门：text` line each.
 */
export async function draftZoneReport(
  db: Db,
  scope: RollupReadScope,
  occurrenceId: number,
): Promise<ZoneReportDraftResponse> {
  const { duty } = await zoneDuty(db, scope.homeUnitId, occurrenceId);
  const sources = await acceptedReportsForDuty(db, scope.homeUnitId, duty.task_id, {
    from: duty.window_start,
    to: duty.due_date,
  });
  return {
    occurrenceId,
    text: sources.map((s) => `${s.department}：${s.text}`).join('\n'),
    sources: sources.map((s) => ({ reportId: s.id, department: s.department, text: s.text })),
  };
}

/**
 * The zone files its (edited) report on the duty to its parent and submits it, through the progress module's use
 * cases, as the responsible unit of the parent's list: a new report, or the open draft / returned report edited and
 * (re)submitted. The parent's office reviews it like any report (accept / return).
 */
export async function fileZoneReport(
  db: Db,
  scope: RollupActingScope,
  occurrenceId: number,
  input: ZoneReportRequest,
  now = new Date(),
): Promise<ReportResponse> {
  const { link, duty } = await zoneDuty(db, scope.homeUnitId, occurrenceId);
  const acting: ActingScope = {
    orgUnitId: link.org_unit_id,
    departmentId: link.department_id,
    userId: scope.userId,
    actor: scope.actor,
  };
  return db.transaction().execute(async (trx) => {
    const latest = (await latestReportsOf(trx, [duty.id])).get(duty.id);
    if (latest && (latest.status === 'draft' || latest.status === 'returned')) {
      const edited = await editReport(
        trx,
        acting,
        latest.id,
        { text: input.text, workDate: input.workDate, version: latest.version },
        now,
      );
      return submitReport(trx, acting, edited.id, edited.version, now);
    }
    if (latest && latest.status !== 'accepted' && latest.status !== 'returned') {
      throw new AppError('conflict', '该事项的报告已报送，等待上级审核 (awaiting review)', { reportId: latest.id });
    }
    const created = await createReport(
      trx,
      acting,
      { occurrenceId: duty.id, text: input.text, workDate: input.workDate },
      now,
    );
    return submitReport(trx, acting, created.id, created.version, now);
  });
}
