import { randomBytes } from 'node:crypto';
import { todayInShanghai } from '@duban/shared/civil-date';
import { AppError } from '../../../core/app-error.ts';
import type { Db } from '../../../db/database.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { findUnitDepartment } from '../../departments/departments.service.ts';
import { renderTaskSheetInWorker } from '../../office-files/office-jobs.ts';
import { findYearTaskList } from '../dashboard.repository.ts';
import { chineseDate, type ReportPeriod, statusDate } from '../report-period.ts';
import { cellHash, type SnapshotRow } from './export-snapshot.ts';
import {
  findOrgUnitName,
  insertExportSnapshot,
  listExportAssignments,
  listExportTasks,
  listPeriodOccurrences,
  type PeriodOccurrenceRow,
} from './exports.repository.ts';
import { type CellOccurrence, cellText, composeProgressCell, NOTHING_DUE_MARK, STATUS_MARK } from './progress-cell.ts';
import { FIRST_DATA_ROW } from './render-xlsx.ts';
import { type SheetRow, safeFileBase, sheetTitle, type TaskSheet } from './task-sheet.ts';

export type ExportFormat = 'xlsx' | 'docx' | 'pdf';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface TaskSheetRequest {
  orgUnitId: number;
  period: ReportPeriod;
  /** A department's export: its tasks only, and its own progress only. */
  departmentId: number | null;
  /** The export date (Asia/Shanghai): statuses are read on it (an "as of" period reads them on its date). */
  today?: string;
  /** false: the plain table without status marks (what offices send upward). Default true. */
  marks?: boolean;
}

const PLAIN_LEGEND = '说明：工作进展为各责任部门本期经安委办审核通过的工作进展。';

const LEGEND =
  `说明：工作进展为各责任部门本期经安委办审核通过的工作进展；状态标记：${STATUS_MARK.accepted}（按时）、` +
  `${STATUS_MARK['done-late']}、${STATUS_MARK.submitted}（已报送，安委办审核中）、${STATUS_MARK.returned}（需修改后重报）、` +
  `${STATUS_MARK.overdue}（超过完成时限未完成）、${STATUS_MARK['due-soon']}（7日内到期）、${STATUS_MARK.pending}、` +
  `${NOTHING_DUE_MARK}。本期事项：完成时限在统计期间内的，以及在统计期间内审核通过的。`;

const toCellOccurrence = (o: PeriodOccurrenceRow): CellOccurrence => ({
  departmentId: o.department_id,
  periodKey: o.period_key,
  dueDate: o.due_date,
  extendedDue: o.extended_due,
  reportState: o.report_state,
  submittedAt: o.submitted_at,
  acceptedAt: o.accepted_at,
  reportText: o.report_status === 'accepted' ? o.report_text : null,
});

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The table of a period: the list's rows (a department's own), each with its 工作进展 cell. Reads only. */
export async function buildTaskSheet(db: Db, req: TaskSheetRequest): Promise<TaskSheet> {
  const { period, departmentId } = req;
  const list = await findYearTaskList(db, req.orgUnitId, period.year);
  if (!list) throw new AppError('not_found', `没有 ${period.year} 年的任务清单 (no task list for ${period.year})`);
  const asOf = statusDate(period, req.today ?? todayInShanghai());
  const [zoneName, department, tasks, assignments, occurrences] = await Promise.all([
    findOrgUnitName(db, req.orgUnitId),
    departmentId === null ? null : findUnitDepartment(db, req.orgUnitId, departmentId).then((d) => d?.name ?? null),
    listExportTasks(db, list.id, departmentId),
    listExportAssignments(db, list.id, departmentId),
    listPeriodOccurrences(db, { taskListId: list.id, start: period.start, end: period.end, departmentId }),
  ]);
  const departmentsByTask = groupBy(assignments, (a) => a.task_id);
  const occurrencesByTask = groupBy(occurrences, (o) => o.task_id);
  const rows: SheetRow[] = tasks.map((t) => {
    const seen = new Set<number>();
    const departments = (departmentsByTask.get(t.id) ?? [])
      .filter((a) => !seen.has(a.department_id) && seen.add(a.department_id))
      .map((a) => ({ id: a.department_id, name: a.name }));
    const own = (occurrencesByTask.get(t.id) ?? []).map(toCellOccurrence);
    return {
      taskId: t.id,
      no: t.no,
      category: t.category_title ?? '',
      text: t.text,
      departments: t.departments_text,
      deadline: t.deadline_text,
      progress: composeProgressCell(departments, own, asOf, { marks: req.marks !== false }),
    };
  });
  const issuer = `${zoneName}安全生产委员会办公室`;
  const title = sheetTitle(list.title, zoneName, period.label);
  const range =
    period.start === period.end
      ? chineseDate(period.start)
      : `${chineseDate(period.start)}至${chineseDate(period.end)}`;
  const meta = [
    `统计期间：${range}`,
    `状态日期：${chineseDate(asOf)}`,
    department ? `责任部门：${department}` : `共 ${rows.length} 项任务`,
  ].join('　　');
  return {
    issuer,
    title,
    meta,
    legend: req.marks === false ? PLAIN_LEGEND : LEGEND,
    fileBase: safeFileBase(department ? `${title}_${department}` : title),
    year: period.year,
    taskListId: list.id,
    period,
    statusDate: asOf,
    department: departmentId !== null && department ? { id: departmentId, name: department } : null,
    rows,
  };
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface ExportRequest extends TaskSheetRequest {
  format: ExportFormat;
  /** 'user:12', 'cli': recorded with the snapshot of an .xlsx and in the audit trail. */
  actor: string;
  now?: Date;
}

/**
 * The period's table as a file. An .xlsx can come back filled in (returned sheets), so exporting one records a
 * snapshot of what it held, named by a random token in the workbook's hidden marker sheet, audited in the same
 * transaction. .docx and PDF are read-only documents and write nothing.
 */
export async function exportTaskList(db: Db, req: ExportRequest): Promise<ExportedFile> {
  const now = req.now ?? new Date();
  const sheet = await buildTaskSheet(db, { ...req, today: req.today ?? todayInShanghai(now) });
  const fileName = `${sheet.fileBase}.${req.format}`;
  const contentType = CONTENT_TYPES[req.format];
  // Rendering runs in the bounded worker pool (office-files): a large PDF cannot stall the server's requests.
  if (req.format === 'docx') return { fileName, contentType, bytes: await renderTaskSheetInWorker('docx', sheet) };
  if (req.format === 'pdf') return { fileName, contentType, bytes: await renderTaskSheetInWorker('pdf', sheet) };

  const token = randomBytes(16).toString('hex');
  const bytes = await renderTaskSheetInWorker('xlsx', sheet, { token, year: sheet.year, periodKey: sheet.period.key });
  const rows: SnapshotRow[] = sheet.rows.map((r, i) => ({
    row: FIRST_DATA_ROW + i,
    taskId: r.taskId,
    no: r.no,
    text: cellHash(r.text),
    departments: cellHash(r.departments),
    deadline: cellHash(r.deadline),
    progress: cellText(r.progress),
  }));
  await db.transaction().execute(async (trx) => {
    const id = await insertExportSnapshot(trx, {
      orgUnitId: req.orgUnitId,
      taskListId: sheet.taskListId,
      year: sheet.year,
      periodKey: sheet.period.key,
      departmentId: sheet.department?.id ?? null,
      token,
      rows: JSON.stringify(rows),
      actor: req.actor,
      now: now.toISOString(),
    });
    await appendAudit(
      trx,
      {
        orgUnitId: req.orgUnitId,
        actor: req.actor,
        action: 'export.tasklist',
        entity: 'export_snapshot',
        entityId: id,
        after: {
          year: sheet.year,
          period: sheet.period.key,
          departmentId: sheet.department?.id ?? null,
          format: req.format,
          rows: rows.length,
        },
      },
      now,
    );
  });
  return { fileName, contentType, bytes };
}
