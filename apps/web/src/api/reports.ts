import { api } from './client.ts';
import type {
  Bulletin,
  BulletinListResponse,
  BulletinSections,
  CreateBulletinRequest,
  ExportFormat,
  ReturnedSheetResponse,
} from './contracts.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

/** A reporting period of the exports and bulletins: a period key (2024-03, 2024-Q1, 2024-H1, 2024) or a date. */
export type ReportPeriodQuery = { year: number; period: string } | { year: number; asOf: string };

function query(values: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) params.set(key, String(value));
  return params.toString();
}

/** The official table of a period as a download (a plain link: the session cookie goes along). */
export const taskListExportUrl = (period: ReportPeriodQuery, format: ExportFormat, marks = true) =>
  `/api/exports/tasklist?${query({ ...period, format, ...(marks ? {} : { marks: 'false' }) })}`;

/** A filled-in export sent back: each new 工作进展 becomes a submitted report (a dry run only checks). */
export function uploadReturnedSheet(file: File, dryRun: boolean): Promise<ReturnedSheetResponse> {
  const form = new FormData();
  form.set('dryRun', dryRun ? 'true' : 'false');
  form.set('file', file);
  const sent = api.post<ReturnedSheetResponse>('/api/exports/tasklist/returned', { form });
  return dryRun ? sent : invalidating(sent, WRITES_CHANGE.returnedSheet);
}

export const fetchBulletins = (year: number | null, signal?: AbortSignal) =>
  api.get<BulletinListResponse>('/api/bulletins', { query: { year }, signal });
export const fetchBulletin = (id: number, signal?: AbortSignal) =>
  api.get<Bulletin>(`/api/bulletins/${id}`, { signal });
export const createBulletin = (body: CreateBulletinRequest) =>
  invalidating(api.post<Bulletin>('/api/bulletins', { json: body }), WRITES_CHANGE.bulletin);
export const updateBulletin = (id: number, body: { version: number; title?: string; sections?: BulletinSections }) =>
  invalidating(api.patch<Bulletin>(`/api/bulletins/${id}`, { json: body }), WRITES_CHANGE.bulletin);
export const publishBulletin = (id: number, version: number) =>
  invalidating(api.post<Bulletin>(`/api/bulletins/${id}/publish`, { json: { version } }), WRITES_CHANGE.bulletin);
export const bulletinExportUrl = (id: number, format: 'docx' | 'pdf') => `/api/bulletins/${id}/export?format=${format}`;
