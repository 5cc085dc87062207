import { todayInShanghai } from '@duban/shared/civil-date';
import type { ReturnedCreated, ReturnedSheetResponse } from '@duban/shared/contracts/exports';
import type { Db } from '../../../db/database.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { createReport } from '../../progress/create-report.ts';
import { editReport } from '../../progress/edit-report.ts';
import type { ActingScope } from '../../progress/progress.policy.ts';
import { submitReport } from '../../progress/submit-report.ts';
import { planReturnedSheet } from './returned-sheet-plan.ts';
import type { ReturnedSheet } from './returned-sheet-read.ts';

/**
 * A returned sheet (the exported .xlsx with 工作进展 filled in) becomes submitted reports, through the progress
 * domain's use cases, in ONE transaction with its audit event. Each new text goes to the department's earliest
 * occurrence of the task that is due in the export's period and still open for a report (none yet, or returned).
 * Nothing is overwritten: rows whose 工作任务/责任部门/完成时限 changed since the export, rows of tasks changed by a
 * re-import, accepted or under-review work and text already reported are listed as problems and left alone.
 */
export interface ReturnedSheetRequest {
  sheet: ReturnedSheet;
  dryRun: boolean;
  now?: Date;
}

/** Plans and (unless a dry run) files the reports: all of it in one transaction, audited. */
export async function applyReturnedSheet(
  db: Db,
  scope: ActingScope,
  req: ReturnedSheetRequest,
): Promise<ReturnedSheetResponse> {
  const now = req.now ?? new Date();
  const workDate = todayInShanghai(now);
  return db.transaction().execute(async (trx) => {
    const plan = await planReturnedSheet(trx, scope, req.sheet);
    const created: ReturnedCreated[] = [];
    for (const p of plan.reports) {
      const { reportVersion, ...entry } = p;
      const text = entry.text;
      if (req.dryRun) {
        created.push(entry);
        continue;
      }
      let report =
        p.action === 'resubmitted' && p.reportId !== null && reportVersion !== null
          ? await editReport(trx, scope, p.reportId, { text, workDate, version: reportVersion }, now)
          : await createReport(trx, scope, { occurrenceId: p.occurrenceId, text, workDate }, now);
      report = await submitReport(trx, scope, report.id, report.version, now);
      created.push({ ...entry, reportId: report.id });
    }
    if (!req.dryRun && created.length > 0) {
      await appendAudit(
        trx,
        {
          orgUnitId: scope.orgUnitId,
          actor: scope.actor,
          action: 'export.returned',
          entity: 'export_snapshot',
          entityId: plan.snapshot.id,
          after: {
            year: plan.snapshot.year,
            period: plan.snapshot.period_key,
            reports: created.map((c) => ({ row: c.row, no: c.no, reportId: c.reportId, action: c.action })),
            problems: plan.problems.length,
          },
        },
        now,
      );
    }
    return {
      dryRun: req.dryRun,
      year: plan.snapshot.year,
      period: plan.snapshot.period_key,
      periodLabel: plan.periodLabel,
      created,
      problems: plan.problems,
      unchanged: plan.unchanged,
    };
  });
}
