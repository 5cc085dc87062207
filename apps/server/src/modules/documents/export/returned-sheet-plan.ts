import type { ReturnedCreated, ReturnedProblem } from '@duban/shared/contracts/exports';
import type { Db } from '../../../db/database.ts';
import type { ActingScope } from '../../progress/progress.policy.ts';
import { parseReportPeriod } from '../report-period.ts';
import { cellHash, normalizeCell, type SnapshotRow, SnapshotRowsSchema } from './export-snapshot.ts';
import {
  findExportSnapshot,
  listExportAssignments,
  listPeriodOccurrences,
  listTaskCells,
  type PeriodOccurrenceRow,
  type SnapshotRow as SnapshotRecord,
} from './exports.repository.ts';
import { splitByMonths } from './month-range.ts';
import { notOurFile, type ReturnedRow, type ReturnedSheet } from './returned-sheet-read.ts';
import { type NamedDepartment, newProgressText, splitByDepartment } from './returned-text.ts';

const monthOf = (civilDate: string): number => Number(civilDate.slice(5, 7));

/**
 * The plan of a returned sheet, without writing: which row's new 工作进展 goes to which occurrence (the department's
 * earliest one of the task due in the export's period and still open for a report), and which rows are problems
 * (changed since the export, task changed by a re-import, accepted or under-review work, text already reported).
 * returned-sheet.service.ts carries the plan out.
 */
const MAX_TEXT = 20_000;

export interface PlannedReport extends ReturnedCreated {
  text: string;
  /** The returned report to edit and resubmit (action 'resubmitted'). */
  reportVersion: number | null;
}

export interface Plan {
  snapshot: SnapshotRecord;
  periodLabel: string;
  reports: PlannedReport[];
  problems: ReturnedProblem[];
  unchanged: number;
}

const CHANGED_COLUMNS = [
  ['text', '工作任务'],
  ['departments', '责任部门'],
  ['deadline', '完成时限'],
] as const;

function changedColumns(row: Pick<ReturnedRow, 'text' | 'departments' | 'deadline'>, snap: SnapshotRow): string[] {
  return CHANGED_COLUMNS.filter(([key]) => cellHash(row[key]) !== snap[key]).map(([, label]) => label);
}

/** Why no occurrence of the department is open for a new report in the period. */
function closedReason(occurrences: readonly PeriodOccurrenceRow[]): string {
  if (occurrences.length === 0) return '本期没有应报送的事项';
  if (occurrences.some((o) => o.report_state === 'submitted')) return '本期工作进展已报送，正在审核，未覆盖';
  if (occurrences.some((o) => o.report_state === 'draft')) {
    return '本期已有未提交的网上草稿，请在系统中继续填报，未覆盖';
  }
  return '本期工作进展已审核通过（办结），未覆盖';
}

async function loadSnapshot(db: Db, scope: ActingScope, sheet: ReturnedSheet): Promise<SnapshotRecord> {
  const snapshot = await findExportSnapshot(db, scope.orgUnitId, sheet.marker.token);
  if (!snapshot) throw notOurFile('这份表格不是本系统导出的，或它的导出记录已不存在：请重新导出后填写。');
  if (snapshot.year !== sheet.marker.year || snapshot.period_key !== sheet.marker.periodKey) {
    throw notOurFile('表格中的导出标记与导出记录不符（年度或统计期间被改动）：请重新导出后填写。');
  }
  if (scope.departmentId !== null && snapshot.department_id !== null && snapshot.department_id !== scope.departmentId) {
    throw notOurFile('这份表格是为其他部门导出的：请导出本部门的表格后填写。');
  }
  return snapshot;
}

export async function planReturnedSheet(db: Db, scope: ActingScope, sheet: ReturnedSheet): Promise<Plan> {
  const snapshot = await loadSnapshot(db, scope, sheet);
  const period = parseReportPeriod(snapshot.period_key);
  const snapRows = SnapshotRowsSchema.parse(JSON.parse(snapshot.rows));
  const byNo = new Map(snapRows.map((r) => [r.no, r]));
  // A department files for itself; the office for the departments of the export (all, or the one it was for).
  const departmentId = scope.departmentId ?? snapshot.department_id;
  const [current, assignments, occurrences] = await Promise.all([
    listTaskCells(
      db,
      snapRows.map((r) => r.taskId),
    ),
    listExportAssignments(db, snapshot.task_list_id, null),
    listPeriodOccurrences(db, {
      taskListId: snapshot.task_list_id,
      start: period.start,
      end: period.end,
      departmentId,
    }),
  ]);
  const currentById = new Map(current.map((t) => [t.id, t]));
  const allNames = [...new Set(assignments.map((a) => a.name))];
  const plan: Plan = { snapshot, periodLabel: period.label, reports: [], problems: [], unchanged: 0 };
  const seen = new Set<string>();
  const problem = (r: ReturnedRow, message: string) =>
    plan.problems.push({
      row: r.row,
      no: r.no === '' ? null : r.no,
      message: `第${r.row}行${r.no ? `（序号${r.no}）` : ''}：${message}`,
    });

  for (const r of sheet.rows) {
    if (r.no === '') {
      problem(r, '没有序号，无法对应到任务，未写入');
      continue;
    }
    const snap = byNo.get(r.no);
    if (!snap) {
      problem(r, '导出的表格中没有这个序号，未写入');
      continue;
    }
    if (seen.has(r.no)) {
      problem(r, '序号重复出现，只处理第一次出现的行，本行未写入');
      continue;
    }
    seen.add(r.no);
    if (!r.progressIsFormula && normalizeCell(r.progress) === normalizeCell(snap.progress)) {
      plan.unchanged += 1;
      continue;
    }
    if (r.progressIsFormula) {
      problem(r, '工作进展是公式，请直接填写文字，未写入');
      continue;
    }
    const changed = changedColumns(r, snap);
    if (changed.length > 0) {
      problem(r, `${changed.join('、')}与导出时不一致（是否填错了行？），本行工作进展未写入`);
      continue;
    }
    const task = currentById.get(snap.taskId);
    if (!task) {
      problem(r, '导出后该任务已从清单中删除，未写入');
      continue;
    }
    const changedSince = changedColumns(
      { text: task.text, departments: task.departments_text, deadline: task.deadline_text },
      snap,
    );
    if (changedSince.length > 0) {
      problem(r, `导出后任务清单已更新（${changedSince.join('、')}已变化），请重新导出后填写，未写入`);
      continue;
    }
    const text = newProgressText(r.progress, snap.progress);
    if (text === '') {
      plan.unchanged += 1;
      continue;
    }
    const seenDepartments = new Set<number>();
    const rowDepartments: NamedDepartment[] = assignments
      .filter((a) => a.task_id === snap.taskId && (departmentId === null || a.department_id === departmentId))
      .filter((a) => !seenDepartments.has(a.department_id) && Boolean(seenDepartments.add(a.department_id)))
      .map((a) => ({ id: a.department_id, name: a.name }));
    if (rowDepartments.length === 0) {
      problem(r, '该任务不是本部门的任务，未写入');
      continue;
    }
    const fallback = rowDepartments.length === 1 ? (rowDepartments[0] ?? null) : null;
    const split = splitByDepartment(text, rowDepartments, allNames, fallback);
    for (const message of split.problems) problem(r, message);
    for (const segment of split.segments) {
      const own = occurrences.filter((o) => o.task_id === snap.taskId && o.department_id === segment.departmentId);
      const due = own.filter((o) => o.due_date >= period.start && o.due_date <= period.end);
      const label = `${segment.name}：`;
      if (segment.text.length > MAX_TEXT) {
        problem(r, `${label}工作进展超过 ${MAX_TEXT} 字，未写入`);
        continue;
      }
      const file = (target: PeriodOccurrenceRow, text: string) => {
        const resubmit = target.report_status === 'returned' && target.report_id !== null;
        plan.reports.push({
          row: r.row,
          no: r.no,
          departmentId: segment.departmentId,
          department: segment.name,
          occurrenceId: target.id,
          periodKey: target.period_key,
          dueDate: target.due_date,
          reportId: resubmit ? target.report_id : null,
          action: resubmit ? 'resubmitted' : 'created',
          text,
          reportVersion: resubmit ? target.report_version : null,
        });
        // One text per occurrence: a second text for the same department goes to its next open occurrence.
        target.report_state = 'submitted';
        target.report_status = 'submitted';
      };
      const alreadyReported = (text: string) =>
        own.some((o) => o.report_text !== null && normalizeCell(o.report_text) === normalizeCell(text));
      const isOpen = (o: PeriodOccurrenceRow) => o.report_state === 'none' || o.report_status === 'returned';
      /** Text that names no month of the period: the earliest occurrence due in the period still open. */
      const fileEarliest = (text: string) => {
        const target = due.find(isOpen);
        if (!target) problem(r, `${label}${closedReason(due)}`);
        else file(target, text);
      };
      if (alreadyReported(segment.text)) {
        problem(r, `${label}相同内容已报送过，未重复写入`);
        continue;
      }
      for (const part of splitByMonths(segment.text)) {
        if (alreadyReported(part.text)) {
          problem(r, `${label}相同内容已报送过，未重复写入`);
          continue;
        }
        // 「1—3月：…」 is offered to the occurrence of each month it covers (the earliest open one of the month).
        const months = (part.months ?? []).filter((m) => due.some((o) => monthOf(o.due_date) === m));
        if (months.length === 0) {
          fileEarliest(part.text);
          continue;
        }
        for (const m of months) {
          const ofMonth = due.filter((o) => monthOf(o.due_date) === m);
          const target = ofMonth.find(isOpen);
          if (!target) problem(r, `${label}${m}月：${closedReason(ofMonth)}`);
          else file(target, part.text);
        }
      }
    }
  }
  return plan;
}
