import { api } from './client.ts';
import type { ListDepartmentsResponse } from './contracts.ts';
import { invalidating, WRITES_CHANGE } from './query.ts';

export const fetchDepartments = (signal?: AbortSignal) =>
  api.get<ListDepartmentsResponse>('/api/departments', { signal });

export const confirmDepartment = (id: number) =>
  invalidating(api.post<{ ok: true }>(`/api/departments/${id}/confirm`), WRITES_CHANGE.department);

type UpdateDepartmentRequest = import('@duban/shared/contracts/departments').UpdateDepartmentRequest;
type MergeDepartmentResponse = import('@duban/shared/contracts/departments').MergeDepartmentResponse;

/** Rename (the old name stays an alias), replace aliases, retire or restore. */
export const updateDepartment = (id: number, body: UpdateDepartmentRequest) =>
  invalidating(api.patch<{ ok: true }>(`/api/departments/${id}`, { json: body }), WRITES_CHANGE.department);

/** Merges department `id` into `intoId` (the survivor keeps every duty, report, 督办 record and account). */
export const mergeDepartment = (id: number, intoId: number) =>
  invalidating(
    api.post<MergeDepartmentResponse>(`/api/departments/${id}/merge`, { json: { intoId } }),
    WRITES_CHANGE.department,
  );
