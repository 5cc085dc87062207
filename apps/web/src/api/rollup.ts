import type { DashboardResponse } from '@duban/shared/contracts/dashboard';
import type { ReportResponse } from '@duban/shared/contracts/progress';
import type {
  ReviewSubmissionRequest,
  RollupResponse,
  RollupRow,
  Submission,
  SubmissionsQuery,
  SubmissionsResponse,
  SubmitPeriodRequest,
  TaskLinkRequest,
  UpperDutiesResponse,
  UpperDuty,
  ZoneLinksResponse,
  ZoneReportDraftResponse,
  ZoneReportRequest,
} from '@duban/shared/contracts/rollup';
import { api } from './client.ts';
import { invalidating, type RollupParams, WRITES_CHANGE } from './query.ts';

/** Roll-up across org units (issue 16): 下级单位, drill-down, 直报, 上级任务. Types only from the shared contracts. */
export type { RollupParams, RollupResponse, RollupRow, Submission, UpperDutiesResponse, UpperDuty, ZoneLinksResponse };

export const fetchRollup = (q: RollupParams, signal?: AbortSignal) =>
  api.get<RollupResponse>('/api/rollup', { query: { ...q }, signal });

export const fetchUnitDashboard = (unitId: number, year: number, signal?: AbortSignal) =>
  api.get<DashboardResponse>(`/api/rollup/units/${unitId}/dashboard`, { query: { year }, signal });

export const fetchSubmissions = (q: SubmissionsQuery, signal?: AbortSignal) =>
  api.get<SubmissionsResponse>('/api/rollup/submissions', { query: { ...q }, signal });

export const submitPeriod = (period: string, note?: string) =>
  invalidating(
    api.post<Submission>('/api/rollup/submissions', {
      json: { period, ...(note ? { note } : {}) } satisfies SubmitPeriodRequest,
    }),
    WRITES_CHANGE.rollup,
  );

export const reviewSubmission = (id: number, body: ReviewSubmissionRequest) =>
  invalidating(api.post<Submission>(`/api/rollup/submissions/${id}/review`, { json: body }), WRITES_CHANGE.rollup);

/** The frozen .xlsx of a submission (a plain link: the session cookie goes along). */
export const submissionFileUrl = (id: number) => `/api/rollup/submissions/${id}/file`;

export const fetchUpperDuties = (year: number, signal?: AbortSignal) =>
  api.get<UpperDutiesResponse>('/api/rollup/upper-duties', { query: { year }, signal });

export const linkUpperTask = (upperTaskId: number, ownTaskId: number) =>
  invalidating(
    api.post<UpperDutiesResponse>('/api/rollup/upper-duties/links', {
      json: { upperTaskId, ownTaskId } satisfies TaskLinkRequest,
    }),
    WRITES_CHANGE.rollup,
  );

export const fetchZoneDraft = (occurrenceId: number) =>
  api.get<ZoneReportDraftResponse>(`/api/rollup/upper-duties/${occurrenceId}/draft`);

export const fileZoneReport = (occurrenceId: number, text: string, workDate: string) =>
  invalidating(
    api.post<ReportResponse>(`/api/rollup/upper-duties/${occurrenceId}/report`, {
      json: { text, workDate } satisfies ZoneReportRequest,
    }),
    WRITES_CHANGE.zoneReport,
  );

export const fetchZoneLinks = (signal?: AbortSignal) => api.get<ZoneLinksResponse>('/api/rollup/zones', { signal });
