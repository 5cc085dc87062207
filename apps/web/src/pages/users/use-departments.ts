import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';

export interface DepartmentOption {
  id: number;
  name: string;
}

/** The departments a user can be bound to: the registry without groups (安委会各成员单位: they have members). */
export function useDepartments(): { departments: DepartmentOption[]; loading: boolean } {
  const { departments, loading } = useDepartmentRegistry();
  return { departments: realDepartments(departments).map((d) => ({ id: d.id, name: d.name })), loading };
}
