import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { fetchTaskTable } from '../../api/tasklists.ts';
import { yearOptions } from '../tasks/use-task-table.ts';

export interface DepartmentOption {
  id: number;
  name: string;
}

/**
 * The departments a user can be bound to. There is no department registry endpoint yet, so this collects the
 * departments assigned in every imported year's list, leaving out groups (安委会各成员单位: they have members).
 */
export function useDepartments(): { departments: DepartmentOption[]; loading: boolean } {
  const [departments, setDepartments] = useState<DepartmentOption[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const found = new Map<number, string>();
      const groups = new Set<string>();
      for (const year of yearOptions()) {
        try {
          const table = await fetchTaskTable(year, undefined, controller.signal);
          for (const c of table.categories)
            for (const task of c.tasks)
              for (const d of task.departments) {
                found.set(d.id, d.name);
                if (d.viaGroup) groups.add(d.viaGroup);
              }
        } catch (error) {
          if (controller.signal.aborted) return;
          if (!(error instanceof ApiError && error.code === 'not_found')) throw error;
        }
      }
      setDepartments(
        [...found]
          .filter(([, name]) => !groups.has(name))
          .map(([id, name]) => ({ id, name }))
          .sort((a, b) => a.id - b.id),
      );
      setLoading(false);
    })().catch(() => setLoading(false));
    return () => controller.abort();
  }, []);
  return { departments, loading };
}
