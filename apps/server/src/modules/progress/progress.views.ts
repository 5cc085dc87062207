import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type {
  EvidenceResponse,
  OccurrenceSummary,
  ReportListItem,
  ReportResponse,
} from '@duban/shared/contracts/progress';
import { DUE_SOON_DAYS, occurrenceStatus } from '@duban/shared/occurrence-status';
import type { OccurrenceRow } from './occurrences.repository.ts';
import type { EvidenceRow, ReportListRow, ReportRow } from './progress.repository.ts';

/** Rows → contract shapes (camelCase, nested references). No rules here. */

/** Today's civil date and the end of the due-soon window: the clock of every status. */
export function statusClock(now: Date): { today: string; dueSoonUntil: string } {
  const today = todayInShanghai(now);
  return { today, dueSoonUntil: addDays(today, DUE_SOON_DAYS) };
}

const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export function toEvidence(e: EvidenceRow): EvidenceResponse {
  return {
    id: e.id,
    reportId: e.report_id,
    fileName: e.file_name,
    mime: e.mime,
    size: Number(e.size),
    sha256: e.sha256,
    uploadedBy: person(e.uploaded_by, e.uploaded_by_name),
    createdAt: e.created_at,
  };
}

function reportFields(r: ReportRow) {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    departmentId: r.department_id,
    text: r.text,
    workDate: r.work_date,
    status: r.status,
    returnReason: r.return_reason,
    createdBy: person(r.created_by, r.created_by_name),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    reviewedBy: person(r.reviewed_by, r.reviewed_by_name),
    reviewedAt: r.reviewed_at,
    version: r.version,
  };
}

export function toReport(r: ReportRow, evidence: readonly EvidenceRow[]): ReportResponse {
  return {
    ...reportFields(r),
    evidence: evidence.filter((e) => e.report_id === r.id).map(toEvidence),
  };
}

export function toReportListItem(r: ReportListRow): ReportListItem {
  return {
    ...reportFields(r),
    evidenceCount: r.evidence_count,
    department: { id: r.department_id, name: r.department_name },
    task: { id: r.task_id, no: r.task_no, text: r.task_text },
    periodKey: r.period_key,
    dueDate: r.due_date,
  };
}

export function toOccurrenceSummary(
  o: OccurrenceRow,
  clock: { today: string; dueSoonUntil: string },
): OccurrenceSummary {
  const status = occurrenceStatus(
    { reportState: o.report_state, dueDate: o.due_date, extendedDue: o.extended_due, acceptedOn: o.accepted_at },
    clock.today,
    clock.dueSoonUntil,
  );
  return {
    id: o.id,
    task: {
      id: o.task_id,
      no: o.task_no,
      text: o.task_text,
      year: o.year,
      category: o.category_id === null ? null : { id: o.category_id, title: o.category_title ?? '' },
    },
    department: o.department_id === null ? null : { id: o.department_id, name: o.department_name ?? '' },
    assignmentRole: o.assignment_role,
    ruleKind: o.rule_kind,
    periodKey: o.period_key,
    windowStart: o.window_start,
    dueDate: o.extended_due ?? o.due_date,
    originalDueDate: o.due_date,
    extendedDue: o.extended_due,
    minCount: o.min_count,
    condition: o.condition,
    reportState: o.report_state,
    submittedAt: o.submitted_at,
    acceptedAt: o.accepted_at,
    status,
    latestReport:
      o.latest_report_id === null || o.latest_report_status === null
        ? null
        : { id: o.latest_report_id, status: o.latest_report_status },
    openNotices: Number(o.open_notices ?? 0),
  };
}
