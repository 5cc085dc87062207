import { useEffect, useState } from 'react';
import type { Department, ListDepartmentsResponse } from '../api/contracts.ts';
import { fetchDepartments } from '../api/departments.ts';
import { writeGeneration } from '../api/write-generation.ts';

let cached: { generation: number; value: Promise<ListDepartmentsResponse> } | null = null;

/** The department registry, shared by every screen until the next write. */
export function loadDepartmentRegistry(): Promise<ListDepartmentsResponse> {
  if (cached && cached.generation === writeGeneration()) return cached.value;
  const value = fetchDepartments();
  cached = { generation: writeGeneration(), value };
  value.catch(() => {
    cached = null;
  });
  return value;
}

export function useDepartmentRegistry(): { departments: Department[]; loading: boolean } {
  const [list, setList] = useState<Department[] | null>(null);
  useEffect(() => {
    let live = true;
    loadDepartmentRegistry().then(
      (l) => live && setList(l.departments),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return { departments: list ?? [], loading: list === null };
}

/** Departments a person can belong to or be filtered by (not groups such as 安委会各成员单位). */
export function realDepartments(departments: readonly Department[]): Department[] {
  return departments.filter((d) => d.kind !== 'group');
}
