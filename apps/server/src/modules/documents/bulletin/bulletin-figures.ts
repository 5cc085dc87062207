import type { BulletinDepartment, BulletinFigures } from '@duban/shared/contracts/bulletins';
import type { DashboardResponse, StatusFigure } from '@duban/shared/contracts/dashboard';

/**
 * A bulletin's figures from the dashboard read model (reports/dashboard.service.ts), as of the bulletin's date:
 * completion and on-time rates are the dashboard's (cumulative from the list year's start to that date), departments
 * ranked, each with its traffic light, and the overdue items. Pure.
 */
export const BULLETIN_OVERDUE_ITEMS = 100;

/** done = accepted + done-late among the occurrences due by asOf (the completion rate's numerator). */
const doneOf = (f: StatusFigure): number =>
  f.completionRate === null ? 0 : Math.round(f.completionRate * f.dueByAsOf);

/** Red: something overdue; yellow: due soon, done late or returned; green: on track. */
export function departmentLight(f: StatusFigure): 'green' | 'yellow' | 'red' {
  if (f.counts.overdue > 0) return 'red';
  if (f.counts['due-soon'] + f.counts['done-late'] + f.counts.returned > 0) return 'yellow';
  return 'green';
}

/** Completion rate, then on-time rate, then fewest overdue, then name; nothing due yet: unranked, last. */
function compare(a: BulletinDepartment, b: BulletinDepartment): number {
  const due = Number(b.dueByAsOf > 0) - Number(a.dueByAsOf > 0);
  if (due !== 0) return due;
  return (
    (b.completionRate ?? -1) - (a.completionRate ?? -1) ||
    (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
    a.overdue - b.overdue ||
    a.name.localeCompare(b.name, 'zh-CN')
  );
}

/**
 * The issuer (安委办) and the committee above it (安委会) are never ranked, praised or criticised in their own
 * bulletin (issue 13 item 8): by kind 'committee' or by name.
 */
export function isIssuerOrAbove(d: { name: string; kind: string }): boolean {
  return d.kind === 'committee' || /安委办|安全生产委员会办公室|安委会|安全生产委员会$/.test(d.name);
}

export function bulletinFigures(
  dashboard: DashboardResponse,
  taskCount: number,
  excludedDepartmentIds: ReadonlySet<number> = new Set(),
): BulletinFigures {
  // Units with nothing due by the period's end are left out of the ranking, as are the issuer and its committee.
  const departments = dashboard.byDepartment
    .filter((d) => d.dueByAsOf > 0 && !excludedDepartmentIds.has(d.departmentId))
    .map(
      (d): BulletinDepartment => ({
        rank: null,
        departmentId: d.departmentId,
        name: d.name,
        dueByAsOf: d.dueByAsOf,
        done: doneOf(d),
        overdue: d.counts.overdue,
        completionRate: d.completionRate,
        onTimeRate: d.onTimeRate,
        light: departmentLight(d),
      }),
    )
    .sort(compare);
  let rank = 0;
  for (const d of departments) if (d.dueByAsOf > 0) d.rank = ++rank;
  const t = dashboard.totals;
  return {
    asOf: dashboard.asOf,
    taskCount,
    totals: {
      total: t.total,
      dueByAsOf: t.dueByAsOf,
      done: doneOf(t),
      overdue: t.counts.overdue,
      completionRate: t.completionRate,
      onTimeRate: t.onTimeRate,
    },
    departments,
    overdue: {
      total: dashboard.overdue.total,
      items: dashboard.overdue.items.slice(0, BULLETIN_OVERDUE_ITEMS).map((o) => ({
        taskNo: o.taskNo,
        taskText: o.taskText,
        department: o.department,
        due: o.due,
        daysOverdue: o.daysOverdue,
      })),
    },
  };
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
