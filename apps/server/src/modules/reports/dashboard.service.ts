import { addDays, toDayNumber, todayInShanghai } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS } from '@duban/shared/occurrence-status';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import type { StatusWindow } from '../schedules/occurrence-status-sql.ts';
import {
  type FigureRow,
  figuresByCategory,
  figuresByDepartment,
  figuresByMonth,
  findYearTaskList,
  listOverdue,
  type OverdueRow,
} from './dashboard.repository.ts';
import type { DashboardResponse, OverdueItem, StatusCounts, StatusFigure } from './dashboard.schemas.ts';

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

function tally(row: FigureRow): Tally {
  return {
    counts: {
      pending: Number(row.pending),
      'due-soon': Number(row.due_soon),
      submitted: Number(row.submitted),
      accepted: Number(row.accepted),
      returned: Number(row.returned),
      overdue: Number(row.overdue),
      'done-late': Number(row.done_late),
    },
    total: Number(row.total),
    dueByAsOf: Number(row.due_by_as_of),
    doneByAsOf: Number(row.done_by_as_of),
  };
}

const EMPTY_TALLY: Tally = {
  counts: { pending: 0, 'due-soon': 0, submitted: 0, accepted: 0, returned: 0, overdue: 0, 'done-late': 0 },
  total: 0,
  dueByAsOf: 0,
  doneByAsOf: 0,
};

function addTallies(a: Tally, b: Tally): Tally {
  const counts = { ...a.counts };
  for (const key of Object.keys(counts) as (keyof StatusCounts)[]) counts[key] += b.counts[key];
  return {
    counts,
    total: a.total + b.total,
    dueByAsOf: a.dueByAsOf + b.dueByAsOf,
    doneByAsOf: a.doneByAsOf + b.doneByAsOf,
  };
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

/** The office's dashboard for one org unit and list year, with statuses as of `asOf` (default: today). */
export async function getDashboard(
  db: Db,
  orgUnitId: number,
  year: number,
  asOf: string = todayInShanghai(),
): Promise<DashboardResponse> {
  const list = await findYearTaskList(db, orgUnitId, year);
  if (!list) throw new AppError('not_found', `没有 ${year} 年的任务清单 (no task list for ${year})`);
  const w: StatusWindow = { today: asOf, dueSoonUntil: addDays(asOf, DUE_SOON_DAYS) };
  const [categories, departments, months, overdue] = await Promise.all([
    figuresByCategory(db, list.id, w),
    figuresByDepartment(db, list.id, w),
    figuresByMonth(db, list.id, w),
    listOverdue(db, list.id, w, OVERDUE_LIMIT),
  ]);
  const categoryTallies = categories.map(tally);
  const monthTallies = new Map(months.map((m) => [m.month, tally(m)]));
  return {
    taskList: { id: list.id, year: list.year, title: list.title },
    asOf,
    dueSoonUntil: w.dueSoonUntil,
    totals: figure(categoryTallies.reduce(addTallies, EMPTY_TALLY)),
    byCategory: categories.map((c, i) => ({
      categoryId: c.category_id,
      seq: c.seq ?? 0,
      title: c.title ?? '',
      ...figure(categoryTallies[i] ?? EMPTY_TALLY),
    })),
    byDepartment: departments
      .map((d) => ({ departmentId: d.department_id, name: d.name ?? '', ...figure(tally(d)) }))
      .sort(byCompletion),
    byMonth: monthKeys(
      year,
      months.map((m) => m.month),
    ).map((month) => ({ month, ...figure(monthTallies.get(month) ?? EMPTY_TALLY) })),
    overdue: {
      total: Number(overdue[0]?.total_count ?? 0),
      limit: OVERDUE_LIMIT,
      items: overdue.map((row) => overdueItem(row, asOf)),
    },
  };
}
