import type { DashboardResponse } from '@duban/shared/contracts/dashboard';
import type { ReportResponse } from '@duban/shared/contracts/progress';
import type {
  ReviewSubmissionRequest,
  RollupResponse,
  RollupRow,
  Submission,
  SubmissionsResponse,
  UpperDutiesResponse,
  UpperDuty,
  ZoneLinksResponse,
  ZoneReportDraftResponse,
} from '@duban/shared/contracts/rollup';
import { api } from './client.ts';

/** Roll-up across org units (issue 16): 下级单位, drill-down, 直报, 上级任务. Types only from the shared contracts. */
export type { RollupResponse, RollupRow, Submission, UpperDutiesResponse, UpperDuty, ZoneLinksResponse };

export interface RollupParams {
  year: number;
  asOf?: string;
  period?: string;
  unitId?: number;
}

export const fetchRollup = (q: RollupParams, signal?: AbortSignal) =>
  api.get<RollupResponse>('/api/rollup', { query: { ...q }, signal });

export const fetchUnitDashboard = (unitId: number, year: number, signal?: AbortSignal) =>
  api.get<DashboardResponse>(`/api/rollup/units/${unitId}/dashboard`, { query: { year }, signal });

export const fetchSubmissions = (side: 'mine' | 'children', period: string | undefined, signal?: AbortSignal) =>
  api.get<SubmissionsResponse>('/api/rollup/submissions', { query: { side, period }, signal });

export const submitPeriod = (period: string, note?: string) =>
  api.post<Submission>('/api/rollup/submissions', { json: { period, ...(note ? { note } : {}) } });

export const reviewSubmission = (id: number, body: ReviewSubmissionRequest) =>
  api.post<Submission>(`/api/rollup/submissions/${id}/review`, { json: body });

/** The frozen .xlsx of a submission (a plain link: the session cookie goes along). */
export const submissionFileUrl = (id: number) => `/api/rollup/submissions/${id}/file`;

export const fetchUpperDuties = (year: number, signal?: AbortSignal) =>
  api.get<UpperDutiesResponse>('/api/rollup/upper-duties', { query: { year }, signal });

export const linkUpperTask = (upperTaskId: number, ownTaskId: number) =>
  api.post<UpperDutiesResponse>('/api/rollup/upper-duties/links', { json: { upperTaskId, ownTaskId } });

export const fetchZoneDraft = (occurrenceId: number) =>
  api.get<ZoneReportDraftResponse>(`/api/rollup/upper-duties/${occurrenceId}/draft`);

export const fileZoneReport = (occurrenceId: number, text: string, workDate: string) =>
  api.post<ReportResponse>(`/api/rollup/upper-duties/${occurrenceId}/report`, { json: { text, workDate } });

export const fetchZoneLinks = (signal?: AbortSignal) => api.get<ZoneLinksResponse>('/api/rollup/zones', { signal });
