import { api } from './client.ts';
import type { ListDepartmentsResponse } from './contracts.ts';
import { wrote } from './write-generation.ts';

export const fetchDepartments = (signal?: AbortSignal) =>
  api.get<ListDepartmentsResponse>('/api/departments', { signal });

export const confirmDepartment = (id: number) => wrote(api.post<{ ok: true }>(`/api/departments/${id}/confirm`));
