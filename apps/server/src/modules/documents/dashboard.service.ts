import { addDays, toDayNumber, todayInShanghai } from '@duban/shared/civil-date';
import type { DashboardResponse, OverdueItem, StatusCounts, StatusFigure } from '@duban/shared/contracts/dashboard';
import { DUE_SOON_DAYS, type OccurrenceStatus } from '@duban/shared/occurrence-status';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { StatusWindow } from '../schedules/occurrence-status-sql.ts';
import {
  type DashboardGroupRow,
  dashboardGroups,
  findYearTaskList,
  listOverdue,
  type OverdueRow,
} from './dashboard.repository.ts';

/** At most this many overdue occurrences are listed; the total is always given. */
export const OVERDUE_LIMIT = 200;

interface Tally {
  counts: StatusCounts;
  total: number;
  dueByAsOf: number;
  doneByAsOf: number;
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const emptyTally = (): Tally => ({
  counts: { pending: 0, 'due-soon': 0, submitted: 0, accepted: 0, returned: 0, overdue: 0, 'done-late': 0 },
  total: 0,
  dueByAsOf: 0,
  doneByAsOf: 0,
});

/** Adds one group of the dashboard statement (n occurrences of one status) to a tally. */
function addGroup(t: Tally, status: OccurrenceStatus, dueBy: boolean, n: number): void {
  t.counts[status] += n;
  t.total += n;
  if (dueBy) {
    t.dueByAsOf += n;
    if (status === 'accepted' || status === 'done-late') t.doneByAsOf += n;
  }
}

function tallyOf<K>(tallies: Map<K, Tally>, key: K): Tally {
  let t = tallies.get(key);
  if (!t) {
    t = emptyTally();
    tallies.set(key, t);
  }
  return t;
}

interface RolledUp {
  totals: Tally;
  byCategory: Map<number | null, Tally>;
  byDepartment: Map<number, Tally>;
  byMonth: Map<string, Tally>;
  /** Recurring duties only, keyed `${departmentId}|${month}`. */
  byDepartmentMonth: Map<string, Tally>;
  categoryNames: Map<number, { seq: number; title: string }>;
  departmentNames: Map<number, string>;
}

/** The figures and the totals from the statement's groups (a few thousand rows at most), names alongside. */
function rollUp(rows: DashboardGroupRow[]): RolledUp {
  const r: RolledUp = {
    totals: emptyTally(),
    byCategory: new Map(),
    byDepartment: new Map(),
    byMonth: new Map(),
    byDepartmentMonth: new Map(),
    categoryNames: new Map(),
    departmentNames: new Map(),
  };
  for (const row of rows) {
    if (row.kind === 'category') {
      if (row.category_id !== null) r.categoryNames.set(row.category_id, { seq: row.seq ?? 0, title: row.label ?? '' });
    } else if (row.kind === 'department') {
      if (row.department_id !== null) r.departmentNames.set(row.department_id, row.label ?? '');
    } else if (row.status !== null && row.department_id !== null && row.month !== null) {
      const n = Number(row.n);
      const dueBy = Number(row.due_by) === 1;
      addGroup(r.totals, row.status, dueBy, n);
      addGroup(tallyOf(r.byCategory, row.category_id), row.status, dueBy, n);
      addGroup(tallyOf(r.byDepartment, row.department_id), row.status, dueBy, n);
      addGroup(tallyOf(r.byMonth, row.month), row.status, dueBy, n);
      if (Number(row.recurring) === 1) {
        addGroup(tallyOf(r.byDepartmentMonth, `${row.department_id}|${row.month}`), row.status, dueBy, n);
      }
    }
  }
  return r;
}

function figure(t: Tally): StatusFigure {
  const done = t.counts.accepted + t.counts['done-late'];
  return {
    counts: t.counts,
    total: t.total,
    dueByAsOf: t.dueByAsOf,
    completionRate: ratio(t.doneByAsOf, t.dueByAsOf),
    onTimeRate: ratio(t.counts.accepted, done),
  };
}

/** Higher completion first; departments with nothing due yet last; then by name. */
function byCompletion(a: { completionRate: number | null; name: string }, b: typeof a): number {
  const ra = a.completionRate ?? -1;
  const rb = b.completionRate ?? -1;
  return rb - ra || a.name.localeCompare(b.name, 'zh-CN');
}

/** Every month of the list year, plus any month an occurrence falls in outside it (extensions, ranges). */
function monthKeys(year: number, present: string[]): string[] {
  const months = new Set(present);
  for (let m = 1; m <= 12; m += 1) months.add(`${year}-${String(m).padStart(2, '0')}`);
  return [...months].sort();
}

function overdueItem(row: OverdueRow, asOf: string): OverdueItem {
  return {
    occurrenceId: row.occurrence_id,
    taskId: row.task_id,
    taskNo: row.task_no,
    taskText: row.task_text,
    departmentId: row.department_id,
    department: row.department,
    periodKey: row.period_key,
    due: row.due,
    originalDue: row.due_date,
    daysOverdue: toDayNumber(asOf) - toDayNumber(row.due),
    reportState: row.report_state === 'draft' || row.report_state === 'returned' ? row.report_state : 'none',
  };
}

/** Category order: by seq, tasks without a category last. */
function bySeq(a: { seq: number | null }, b: { seq: number | null }): number {
  if (a.seq === null || b.seq === null) return (a.seq === null ? 1 : 0) - (b.seq === null ? 1 : 0);
  return a.seq - b.seq;
}

/**
 * The office's dashboard for one org unit and list year, with statuses as of `asOf` (default: today). Two
 * statements after the list lookup: the grouped one behind every figure, and the overdue list (concurrently on
 * PostgreSQL's pool; one after the other on SQLite's single connection).
 */
export async function getDashboard(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string = todayInShanghai(),
): Promise<DashboardResponse> {
  const list = await findYearTaskList(db, orgUnitId, year);
  if (!list) throw new AppError('not_found', `没有 ${year} 年的任务清单 (no task list for ${year})`);
  const w: StatusWindow = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  const [groups, overdue] = await Promise.all([
    dashboardGroups(db, list.id, w),
    listOverdue(db, list.id, w, OVERDUE_LIMIT),
  ]);
  const r = rollUp(groups);
  const categories = [...r.byCategory].map(([categoryId, t]) => {
    const name = categoryId === null ? undefined : r.categoryNames.get(categoryId);
    return { categoryId, seq: name?.seq ?? null, title: name?.title ?? '', t };
  });
  return {
    taskList: { id: list.id, year: list.year, title: list.title },
    asOf,
    dueSoonUntil: w.dueSoonUntil,
    totals: figure(r.totals),
    byCategory: categories
      .sort(bySeq)
      .map((c) => ({ categoryId: c.categoryId, seq: c.seq ?? 0, title: c.title, ...figure(c.t) })),
    byDepartment: [...r.byDepartment]
      .sort(([a], [b]) => a - b)
      .map(([departmentId, t]) => ({ departmentId, name: r.departmentNames.get(departmentId) ?? '', ...figure(t) }))
      .sort(byCompletion),
    byMonth: monthKeys(year, [...r.byMonth.keys()]).map((month) => ({
      month,
      ...figure(r.byMonth.get(month) ?? emptyTally()),
    })),
    byDepartmentMonth: [...r.byDepartmentMonth]
      .map(([key, t]) => {
        const [departmentId, month] = key.split('|') as [string, string];
        return { departmentId: Number(departmentId), month, t };
      })
      .sort((a, b) => a.departmentId - b.departmentId || a.month.localeCompare(b.month))
      .map(({ departmentId, month, t }) => ({ departmentId, month, ...figure(t) })),
    overdue: {
      total: r.totals.counts.overdue,
      limit: OVERDUE_LIMIT,
      items: overdue.map((row) => overdueItem(row, asOf)),
    },
  };
}

/** A list's totals as counts (no rates, no overdue list): what roll-ups across units add up (issue 16). */
export interface ListTotals {
  counts: StatusCounts;
  total: number;
  dueByAsOf: number;
  doneByAsOf: number;
}

/** The unit's totals for the list year as of `asOf`, from the dashboard's grouped statement; null without a list. */
export async function unitTaskTotals(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string,
): Promise<ListTotals | null> {
  const list = await findYearTaskList(db, orgUnitId, year);
  if (!list) return null;
  const w: StatusWindow = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  return rollUp(await dashboardGroups(db, list.id, w)).totals;
}
