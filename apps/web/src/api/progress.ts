import type { RemoveEvidenceResponse } from '@duban/shared/contracts/progress';
import { api } from './client.ts';
import type {
  AddEvidenceResponse,
  CreateReportRequest,
  InboxResponse,
  ListReportsResponse,
  Occurrence,
  OccurrenceDetailResponse,
  OccurrenceStatus,
  ReportResponse,
  ReportStatus,
  UpdateReportRequest,
} from './contracts.ts';
import { invalidating, queryClient, queryKeys, WRITES_CHANGE } from './query.ts';

export interface InboxQuery {
  year?: number | null;
  status?: OccurrenceStatus | null;
  departmentId?: number | null;
  /** Not in the server's contract yet: sent anyway, and checked on the answer (see fetchTaskOccurrences). */
  taskId?: number | null;
  limit?: number;
  offset?: number;
}

export const fetchInbox = (q: InboxQuery, signal?: AbortSignal) =>
  api.get<InboxResponse>('/api/inbox', { query: { ...q }, signal });

const PAGE = 200;

/** Every page of an inbox query (office and leaders: every department's occurrences). */
export async function fetchAllInbox(q: Omit<InboxQuery, 'limit' | 'offset'>, signal?: AbortSignal) {
  const first = await fetchInbox({ ...q, limit: PAGE, offset: 0 }, signal);
  const items = [...first.items];
  const pages: Promise<InboxResponse>[] = [];
  for (let offset = PAGE; offset < first.total; offset += PAGE)
    pages.push(fetchInbox({ ...q, limit: PAGE, offset }, signal));
  for (const page of await Promise.all(pages)) items.push(...page.items);
  return { items, total: first.total, today: first.today };
}

/** One year's occurrences, kept for a minute (or until a write marks them stale): drill-downs and detail pages share it. */
export function fetchYearOccurrences(year: number): Promise<{ items: Occurrence[]; today: string }> {
  return queryClient.fetchQuery({
    queryKey: queryKeys.yearOccurrences(year),
    queryFn: () => fetchAllInbox({ year }),
    staleTime: 60_000,
  });
}

/**
 * A task's occurrences. The inbox has no task filter yet: when the server ignores `taskId` (an answer with other
 * tasks' occurrences), the year's occurrences are filtered here instead.
 */
export async function fetchTaskOccurrences(taskId: number, year: number, signal?: AbortSignal): Promise<Occurrence[]> {
  const first = await fetchInbox({ year, taskId, limit: PAGE }, signal);
  if (first.items.every((o) => o.task.id === taskId)) {
    if (first.total <= first.items.length) return first.items;
    return (await fetchAllInbox({ year, taskId }, signal)).items;
  }
  const all = await fetchYearOccurrences(year);
  return all.items.filter((o) => o.task.id === taskId);
}

export const fetchOccurrence = (id: number, signal?: AbortSignal) =>
  api.get<OccurrenceDetailResponse>(`/api/occurrences/${id}`, { signal });

export interface ReportsQuery {
  status?: ReportStatus | null;
  departmentId?: number | null;
  occurrenceId?: number | null;
  limit?: number;
  offset?: number;
}
export const fetchReports = (q: ReportsQuery, signal?: AbortSignal) =>
  api.get<ListReportsResponse>('/api/reports', { query: { ...q }, signal });
export const fetchReport = (id: number, signal?: AbortSignal) =>
  api.get<ReportResponse>(`/api/reports/${id}`, { signal });

export const createReport = (body: CreateReportRequest) =>
  invalidating(api.post<ReportResponse>('/api/reports', { json: body }), WRITES_CHANGE.report);
export const updateReport = (id: number, body: UpdateReportRequest) =>
  invalidating(api.patch<ReportResponse>(`/api/reports/${id}`, { json: body }), WRITES_CHANGE.report);
export const submitReport = (id: number, version: number) =>
  invalidating(api.post<ReportResponse>(`/api/reports/${id}/submit`, { json: { version } }), WRITES_CHANGE.report);
export const acceptReport = (id: number, version: number) =>
  invalidating(api.post<ReportResponse>(`/api/reports/${id}/accept`, { json: { version } }), WRITES_CHANGE.report);
export const returnReport = (id: number, version: number, reason: string) =>
  invalidating(
    api.post<ReportResponse>(`/api/reports/${id}/return`, { json: { reason, version } }),
    WRITES_CHANGE.report,
  );

export function uploadEvidence(reportId: number, files: readonly File[]) {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return invalidating(
    api.post<AddEvidenceResponse>(`/api/reports/${reportId}/evidence`, { form }),
    WRITES_CHANGE.report,
  );
}

export const evidenceUrl = (id: number) => `/api/evidence/${id}`;

/** Removes a file from a draft or returned report (before it is submitted); `version` is the report's. */
export const removeEvidence = (id: number, version: number) =>
  invalidating(api.delete<RemoveEvidenceResponse>(`/api/evidence/${id}?version=${version}`), WRITES_CHANGE.report);

/** What the evidence input accepts (the server sniffs the content and refuses anything else). */
export const EVIDENCE_ACCEPT =
  'image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
