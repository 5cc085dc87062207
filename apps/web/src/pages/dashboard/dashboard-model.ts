import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS, occurrenceStatus } from '@duban/shared/occurrence-status';
import type { Occurrence, OccurrenceStatus } from '../../api/contracts.ts';
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

const isDone = (s: OccurrenceStatus) => s === 'accepted' || s === 'done-late';

/**
 * Department × month of the recurring duties (every rule but one-off dates), from the year's occurrences. The
 * dashboard API has the two axes separately (byDepartment, byMonth) but not their cross; this computes it in the
 * browser with the shared status function, as of the dashboard's date.
 */
export function heatmapFrom(occurrences: readonly Occurrence[], asOf: string, year: number): Heatmap {
  const dueSoonUntil = addDays(asOf, DUE_SOON_DAYS);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const cells = new Map<string, HeatCell>();
  const departments = new Map<number, string>();
  for (const o of occurrences) {
    if (o.ruleKind === 'once' || !o.department) continue;
    const month = o.dueDate.slice(0, 7);
    if (!months.includes(month)) continue;
    const status = occurrenceStatus(
      { reportState: o.reportState, dueDate: o.originalDueDate, extendedDue: o.extendedDue, acceptedOn: o.acceptedAt },
      asOf,
      dueSoonUntil,
    );
    departments.set(o.department.id, o.department.name);
    const key = `${o.department.id}|${month}`;
    const cell = cells.get(key) ?? {
      departmentId: o.department.id,
      month,
      total: 0,
      due: 0,
      done: 0,
      overdue: 0,
      rate: null,
    };
    cell.total++;
    if (o.dueDate <= asOf) {
      cell.due++;
      if (isDone(status)) cell.done++;
    }
    if (status === 'overdue') cell.overdue++;
    cells.set(key, cell);
  }
  for (const cell of cells.values()) cell.rate = cell.due > 0 ? cell.done / cell.due : null;
  return {
    departments: [...departments].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id),
    months,
    cells: [...cells.values()],
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
