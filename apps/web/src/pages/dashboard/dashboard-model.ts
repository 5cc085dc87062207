import type { Dashboard } from '../../api/contracts.ts';
import type { StatusFilter } from '../tasks/task-view.ts';

/** One cell of the department × month heatmap of recurring duties. */
export interface HeatCell {
  departmentId: number;
  month: string;
  total: number;
  /** Due on or before asOf. */
  due: number;
  /** Accepted (on time or late) among those due. */
  done: number;
  overdue: number;
  /** done / due, null when nothing was due yet. */
  rate: number | null;
}

export interface Heatmap {
  departments: { id: number; name: string }[];
  months: string[];
  cells: HeatCell[];
}

/**
 * Department × month of the recurring duties (every rule but one-off dates), from the dashboard's
 * byDepartmentMonth (computed on the server as of the dashboard's date): the list year's twelve months, the
 * departments that have a recurring duty due in them, names from byDepartment.
 */
export function heatmapFrom(d: Dashboard): Heatmap {
  const year = d.taskList.year;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const inYear = new Set(months);
  const names = new Map(d.byDepartment.map((dep) => [dep.departmentId, dep.name]));
  const departments = new Set<number>();
  const cells: HeatCell[] = [];
  for (const f of d.byDepartmentMonth) {
    if (!inYear.has(f.month) || f.total === 0) continue;
    departments.add(f.departmentId);
    cells.push({
      departmentId: f.departmentId,
      month: f.month,
      total: f.total,
      due: f.dueByAsOf,
      // completionRate is done / due rounded to 4 decimals: exact back to the count for any cell's size.
      done: f.completionRate === null ? 0 : Math.round(f.completionRate * f.dueByAsOf),
      overdue: f.counts.overdue,
      rate: f.completionRate,
    });
  }
  return {
    departments: [...departments].sort((a, b) => a - b).map((id) => ({ id, name: names.get(id) ?? '' })),
    months,
    cells,
  };
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** Where a figure drills down to: the task table of the year, filtered. */
export function drillPath(
  year: number,
  filters: { category?: number | null; department?: number; status?: StatusFilter; month?: string },
  asOf?: string | null,
): string {
  const params = new URLSearchParams({ year: String(year) });
  if (asOf) params.set('asOf', asOf);
  if (filters.category !== undefined && filters.category !== null) params.set('category', String(filters.category));
  if (filters.department !== undefined) params.set('department', String(filters.department));
  if (filters.status) params.set('status', filters.status);
  if (filters.month) params.set('month', filters.month);
  return `/tasks?${params.toString()}`;
}
