import { createHash } from 'node:crypto';
import { todayInShanghai } from '@duban/shared/civil-date';
import type { Submission, SubmitPeriodRequest } from '@duban/shared/contracts/rollup';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { exportTaskList } from '../documents/export/tasklist-export.service.ts';
import { parseReportPeriod } from '../documents/report-period.ts';
import { figuresXlsx, NO_OWN_LIST_NOTE } from './figures-xlsx.ts';
import { type RollupActingScope, unitNotFound } from './rollup.policy.ts';
import { findLatestSubmission, findSubmission, findUnit, insertSubmission } from './rollup.repository.ts';
import { reportedFigures, submissionView } from './submissions.ts';

/**
 * 直报: the office submits its unit's period report to the parent unit in one action. The report is frozen: the
 * official table of the period (.xlsx through the existing export, plain, as offices send it upward) and the
 * figures (the unit's own and those of every unit below it, as of the period's end or today if earlier). A first
 * submission is seq 1; after a return the next one is seq 2 and so on, the earlier rows kept as they were. A
 * submitted or accepted report cannot be sent again (409). A unit without its own list of the year sends the
 * figures only (a one-sheet .xlsx of them, noted 无本级任务清单), so a city that only rolls up can still report.
 */
export async function submitPeriodReport(
  db: Db,
  scope: RollupActingScope,
  input: SubmitPeriodRequest,
  now = new Date(),
): Promise<Submission> {
  const unit = await findUnit(db, scope.homeUnitId);
  if (!unit) throw unitNotFound();
  if (unit.parent_id === null) throw new AppError('conflict', '本单位没有上级单位，无需报送 (the unit has no parent)');
  const period = parseReportPeriod(input.period);
  const blocked = await findLatestSubmission(db, unit.id, period.key);
  if (blocked && blocked.status !== 'returned') throw stillOpen(blocked.status);
  const today = todayInShanghai(now);
  const asOf = [period.end, today].sort()[0] as string;
  const { figures, hasOwnList } = await reportedFigures(db, unit.id, period.year, asOf);
  // Without its own list of the year (a city that only rolls up its zones) the unit reports the figures only.
  const file = hasOwnList
    ? await exportTaskList(db, {
        orgUnitId: unit.id,
        period,
        departmentId: null,
        marks: false,
        format: 'xlsx',
        actor: scope.actor,
        now,
      })
    : {
        fileName: `${unit.name}${period.label}数据直报.xlsx`,
        bytes: await figuresXlsx(unit.name, period.label, asOf, figures),
      };
  const note = hasOwnList ? (input.note ?? null) : [NO_OWN_LIST_NOTE, input.note].filter(Boolean).join('；');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const id = await db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: of two submissions at once, the UNIQUE (unit, period, seq) lets one win.
    const latest = await findLatestSubmission(trx, unit.id, period.key);
    if (latest && latest.status !== 'returned') throw stillOpen(latest.status);
    const seq = (latest?.seq ?? 0) + 1;
    const newId = await insertSubmission(trx, {
      org_unit_id: unit.id,
      parent_unit_id: unit.parent_id as number,
      year: period.year,
      period_key: period.key,
      seq,
      status: 'submitted',
      figures: JSON.stringify(figures),
      file_name: file.fileName,
      file_bytes: file.bytes,
      file_sha256: sha256,
      note,
      submitted_by: scope.userId,
      submitted_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: unit.id,
        actor: scope.actor,
        action: 'rollup.submit',
        entity: 'rollup_submission',
        entityId: newId,
        before: latest ? { seq: latest.seq, status: latest.status } : null,
        after: { parentUnitId: unit.parent_id, period: period.key, seq, fileSha256: sha256, figures },
      },
      now,
    );
    return newId;
  });
  const row = await findSubmission(db, id);
  if (!row) throw unitNotFound();
  return submissionView(row, { id: unit.id, code: unit.code, name: unit.name, level: unit.level });
}

const stillOpen = (status: string) =>
  new AppError(
    'conflict',
    status === 'accepted'
      ? '本期报告已被上级审核通过，不能重复报送 (already accepted)'
      : '本期报告已报送，等待上级审核 (already submitted, awaiting review)',
    { status },
  );
