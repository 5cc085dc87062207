import type { ReportState } from '../occurrence-status.ts';

/**
 * The life of one progress report (工作进展): draft → submitted → accepted, or → returned (退回) → resubmitted → …
 * Pure rules shared by the server (which enforces them) and the web (which enables buttons from them).
 */
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';

export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'];

/** Text, work date and evidence can change only before submission or after a return. */
export function isEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** The status a submission leads to, or null when the report cannot be submitted from where it is. */
export function submissionTarget(status: ReportStatus): 'submitted' | 'resubmitted' | null {
  if (status === 'draft') return 'submitted';
  if (status === 'returned') return 'resubmitted';
  return null;
}

/** The office reviews (accepts or returns) only what is waiting for it. */
export function isAwaitingReview(status: ReportStatus): boolean {
  return status === 'submitted' || status === 'resubmitted';
}

/** A report that is not accepted is still open: an occurrence has at most one open report at a time. */
export function isOpen(status: ReportStatus): boolean {
  return status !== 'accepted';
}

/** The occurrence's report_state that mirrors its (single) open or accepted report. */
export function occurrenceReportState(status: ReportStatus): ReportState {
  if (status === 'resubmitted') return 'submitted';
  return status;
}

/** Chinese labels for messages and the web. */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  resubmitted: '已重新提交',
  accepted: '已通过',
};
