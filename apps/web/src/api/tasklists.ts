import { api } from './client.ts';
import type {
  ImportCommitResponse,
  ImportPreviewResponse,
  ListTasksResponse,
  TaskListIndexResponse,
  TaskListSummary,
} from './contracts.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

export const fetchTaskTable = (year: number, asOf?: string, signal?: AbortSignal) =>
  api.get<ListTasksResponse>(`/api/tasklists/${year}/tasks`, { query: { asOf }, signal });

export interface ImportForm {
  file: File;
  year?: number | null;
  /** Unknown department name → registry department id; names left out are created unconfirmed. */
  departmentMap?: Record<string, number>;
  /** Task seq (1-based position in the preview) → corrected 完成时限 text. */
  deadlineOverrides?: Record<string, string>;
}

function toFormData(form: ImportForm): FormData {
  const data = new FormData();
  if (form.year) data.set('year', String(form.year));
  if (form.departmentMap && Object.keys(form.departmentMap).length > 0)
    data.set('departmentMap', JSON.stringify(form.departmentMap));
  if (form.deadlineOverrides && Object.keys(form.deadlineOverrides).length > 0)
    data.set('deadlineOverrides', JSON.stringify(form.deadlineOverrides));
  // The file goes last: the server reads the fields as they stream in.
  data.set('file', form.file, form.file.name);
  return data;
}

export const previewImport = (form: ImportForm) =>
  api.post<ImportPreviewResponse>('/api/tasklists/import/preview', { form: toFormData(form) });

export const commitImport = (form: ImportForm) =>
  invalidating(
    api.post<ImportCommitResponse>('/api/tasklists/import/commit', { form: toFormData(form) }),
    WRITES_CHANGE.import,
  );

/** The imported lists, newest year first. */
export async function fetchTaskLists(signal?: AbortSignal): Promise<TaskListSummary[]> {
  const r = await api.get<TaskListIndexResponse>('/api/tasklists', { signal });
  return [...r.taskLists].sort((a, b) => b.year - a.year);
}
