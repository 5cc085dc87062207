import { api } from './client.ts';
import type { ListDepartmentsResponse } from './contracts.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

export const fetchDepartments = (signal?: AbortSignal) =>
  api.get<ListDepartmentsResponse>('/api/departments', { signal });

export const confirmDepartment = (id: number) =>
  invalidating(api.post<{ ok: true }>(`/api/departments/${id}/confirm`), WRITES_CHANGE.department);
