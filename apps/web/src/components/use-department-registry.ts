import { useQuery } from '@tanstack/react-query';
import type { Department } from '../api/contracts.ts';
import { fetchDepartments } from '../api/departments.ts';
import { queryKeys } from '../api/query.ts';

/** The registry's query (key and read), for a screen that needs its loading and error states too. */
export const registryQuery = {
  queryKey: queryKeys.departments(),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchDepartments(signal),
};

/** The department registry, shared by every screen until a write marks it stale. */
export function useDepartmentRegistry(): { departments: Department[]; loading: boolean } {
  const { data, isPending } = useQuery(registryQuery);
  return { departments: data?.departments ?? [], loading: isPending && data === undefined };
}

/** Departments a person can belong to or be filtered by (not groups such as 安委会各成员单位). */
export function realDepartments(departments: readonly Department[]): Department[] {
  return departments.filter((d) => d.kind !== 'group');
}
