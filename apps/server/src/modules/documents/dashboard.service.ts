import { addDays, toDayNumber, todayInShanghai } from '@duban/shared/civil-date';
import type { DashboardResponse, OverdueItem, StatusCounts, StatusFigure } from '@duban/shared/contracts/dashboard';
import { DUE_SOON_DAYS, type OccurrenceStatus } from '@duban/shared/occurrence-status';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { StatusWindow } from '../schedules/occurrence-status-sql.ts';
import {
  type DashboardGroupRow,
  dashboardGroups,
  listOverdue,
  type OverdueRow,
  type YearList,
} from './dashboard.repository.ts';

/** At most this many overdue occurrences are listed; the total is always given. */
export const OVERDUE_LIMIT = 200;

/**
 * A tally as a flat array, so the roll-up over a few thousand groups adds numbers by index rather than by status
 * name (it was ~1.3 ms of a province miss with objects): the count of each status in StatusCounts' order, then
 * the total, the occurrences due by asOf and those of them done.
 */
type Tally = [number, number, number, number, number, number, number, number, number, number];
type StatusIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;
const STATUS_INDEX: Record<OccurrenceStatus, StatusIndex> = {
  pending: 0,
  'due-soon': 1,
  submitted: 2,
  accepted: 3,
  returned: 4,
  overdue: 5,
  'done-late': 6,
};
const ACCEPTED = STATUS_INDEX.accepted;
const DONE_LATE = STATUS_INDEX['done-late'];
const TOTAL = 7 as const;
const DUE_BY = 8 as const;
const DONE_BY = 9 as const;

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const emptyTally = (): Tally => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** Adds one group of the dashboard statement (n occurrences of status index s) to a tally. */
function addGroup(t: Tally, s: StatusIndex, dueBy: boolean, n: number): void {
  t[s] += n;
  t[TOTAL] += n;
  if (dueBy) {
    t[DUE_BY] += n;
    if (s === ACCEPTED || s === DONE_LATE) t[DONE_BY] += n;
  }
}

function countsOf(t: Tally): StatusCounts {
  return {
    pending: t[0],
    'due-soon': t[1],
    submitted: t[2],
    accepted: t[3],
    returned: t[4],
    overdue: t[5],
    'done-late': t[6],
  };
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
  /** The list itself; undefined when the unit has no list for the year (the statement returned no rows). */
  list: { id: number; year: number; title: string } | undefined;
  totals: Tally;
  byCategory: Map<number | null, Tally>;
  byDepartment: Map<number, Tally>;
  byMonth: Map<string, Tally>;
  /** Recurring duties only, by department then month. */
  byDepartmentMonth: Map<number, Map<string, Tally>>;
  categoryNames: Map<number, { seq: number; title: string }>;
  departmentNames: Map<number, string>;
}

/** The figures and the totals from the statement's rows (arrays; a few thousand at most), names alongside. */
function rollUp(rows: DashboardGroupRow[]): RolledUp {
  const r: RolledUp = {
    list: undefined,
    totals: emptyTally(),
    byCategory: new Map(),
    byDepartment: new Map(),
    byMonth: new Map(),
    byDepartmentMonth: new Map(),
    categoryNames: new Map(),
    departmentNames: new Map(),
  };
  for (const row of rows) {
    const [kind, categoryId, departmentId, month, status, dueByAsOf, recurring, count, seq, label] = row;
    if (kind === 'category') {
      if (categoryId !== null) r.categoryNames.set(categoryId, { seq: seq ?? 0, title: label ?? '' });
    } else if (kind === 'department') {
      if (departmentId !== null) r.departmentNames.set(departmentId, label ?? '');
    } else if (kind === 'list') {
      r.list = { id: Number(count), year: seq ?? 0, title: label ?? '' };
    } else if (status !== null && departmentId !== null && month !== null) {
      const n = Number(count);
      const dueBy = Number(dueByAsOf) === 1;
      const s = STATUS_INDEX[status];
      addGroup(r.totals, s, dueBy, n);
      addGroup(tallyOf(r.byCategory, categoryId), s, dueBy, n);
      addGroup(tallyOf(r.byDepartment, departmentId), s, dueBy, n);
      addGroup(tallyOf(r.byMonth, month), s, dueBy, n);
      if (Number(recurring) === 1) {
        let months = r.byDepartmentMonth.get(departmentId);
        if (!months) {
          months = new Map();
          r.byDepartmentMonth.set(departmentId, months);
        }
        addGroup(tallyOf(months, month), s, dueBy, n);
      }
    }
  }
  return r;
}

function figure(t: Tally): StatusFigure {
  return {
    counts: countsOf(t),
    total: t[TOTAL],
    dueByAsOf: t[DUE_BY],
    completionRate: ratio(t[DONE_BY], t[DUE_BY]),
    onTimeRate: ratio(t[ACCEPTED], t[ACCEPTED] + t[DONE_LATE]),
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

/** One overdue occurrence; `asOfDay` is asOf's day number (worked out once for the list). */
function overdueItem(row: OverdueRow, asOfDay: number): OverdueItem {
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
    daysOverdue: asOfDay - toDayNumber(row.due),
    reportState: row.report_state === 'draft' || row.report_state === 'returned' ? row.report_state : 'none',
  };
}

/** Category order: by seq, tasks without a category last. */
function bySeq(a: { seq: number | null }, b: { seq: number | null }): number {
  if (a.seq === null || b.seq === null) return (a.seq === null ? 1 : 0) - (b.seq === null ? 1 : 0);
  return a.seq - b.seq;
}

/** Months in order ('YYYY-MM': the same order as localeCompare, without a collator). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The office's dashboard for one org unit and list year, with statuses as of `asOf` (default: today). Two
 * statements, each finding the list itself: the grouped one behind every figure (with the list's own row), and the
 * overdue list (concurrently on PostgreSQL's pool; one after the other on SQLite's single connection).
 *
 * Every object is built with its keys in the order of the DashboardResponse schema and with the schema's types, so
 * the result is what `DashboardResponse.parse` would return, to the byte once serialised (dashboard-contract.test.ts
 * checks it): the route caches it without parsing it again. What a figure is of is added to the figure with
 * Object.assign: spreading the figure into a new literal was 15 times slower (~0.5 ms of a province miss).
 */
export async function getDashboard(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string = todayInShanghai(),
): Promise<DashboardResponse> {
  const w: StatusWindow = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  const list: YearList = { orgUnitId, year };
  const [groups, overdue] = await Promise.all([dashboardGroups(db, list, w), listOverdue(db, list, w, OVERDUE_LIMIT)]);
  const r = rollUp(groups);
  if (!r.list) throw new AppError('not_found', `没有 ${year} 年的任务清单 (no task list for ${year})`);
  const asOfDay = toDayNumber(asOf);
  const categories = [...r.byCategory].map(([categoryId, t]) => {
    const name = categoryId === null ? undefined : r.categoryNames.get(categoryId);
    return { categoryId, seq: name?.seq ?? null, title: name?.title ?? '', t };
  });
  return {
    taskList: r.list,
    asOf,
    dueSoonUntil: w.dueSoonUntil,
    totals: figure(r.totals),
    byCategory: categories
      .sort(bySeq)
      .map((c) => Object.assign(figure(c.t), { categoryId: c.categoryId, seq: c.seq ?? 0, title: c.title })),
    byDepartment: [...r.byDepartment]
      .sort(([a], [b]) => a - b)
      .map(([departmentId, t]) =>
        Object.assign(figure(t), { departmentId, name: r.departmentNames.get(departmentId) ?? '' }),
      )
      .sort(byCompletion),
    byMonth: monthKeys(year, [...r.byMonth.keys()]).map((month) =>
      Object.assign(figure(r.byMonth.get(month) ?? emptyTally()), { month }),
    ),
    byDepartmentMonth: [...r.byDepartmentMonth]
      .sort(([a], [b]) => a - b)
      .flatMap(([departmentId, months]) =>
        [...months]
          .sort(([a], [b]) => byText(a, b))
          .map(([month, t]) => Object.assign(figure(t), { departmentId, month })),
      ),
    overdue: {
      total: r.totals[STATUS_INDEX.overdue],
      limit: OVERDUE_LIMIT,
      items: overdue.map((row) => overdueItem(row, asOfDay)),
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
  const w: StatusWindow = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  const r = rollUp(await dashboardGroups(db, { orgUnitId, year }, w));
  const t = r.totals;
  return r.list ? { counts: countsOf(t), total: t[TOTAL], dueByAsOf: t[DUE_BY], doneByAsOf: t[DONE_BY] } : null;
}
