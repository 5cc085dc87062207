import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';

export interface DepartmentOption {
  id: number;
  name: string;
}

/** The departments a user can be bound to: the registry without groups (安委会各成员单位: they have members) or retired ones. */
export function useDepartments(): { departments: DepartmentOption[]; loading: boolean } {
  const { departments, loading } = useDepartmentRegistry();
  // A retired department gets no new accounts or channels.
  const open = realDepartments(departments).filter((d) => !d.retired);
  return { departments: open.map((d) => ({ id: d.id, name: d.name })), loading };
}
