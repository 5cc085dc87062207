import { todayInShanghai } from '@duban/shared/civil-date';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Select } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Dashboard } from '../../api/contracts.ts';
import { fetchDashboard } from '../../api/dashboard.ts';
import { queryKeys } from '../../api/query.ts';
import { useUser } from '../../app/auth.tsx';
import { isUpperLevel } from '../../app/nav.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { Input } from '../../components/plain-input.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { StatusFilter } from '../tasks/task-view.ts';
import { defaultYear, loadTaskLists, useYearOptions } from '../tasks/use-task-table.ts';
import { drillPath, heatmapFrom, percent } from './dashboard-model.ts';

// ECharts (~150 KB gzipped) loads after the figures above it are on screen.
const DashboardCharts = lazy(() => import('../../charts/DashboardCharts.tsx'));
// The hazards section (issue 11): its own request, after the task figures.
const HazardDashboardSection = lazy(() => import('../hazards/HazardDashboardSection.tsx'));
const InspectionDashboardSection = lazy(() => import('../inspections/InspectionDashboardSection.tsx'));

/** The newest year that has a list: the dashboard opens on it. */
async function loadDashboard(year: number | null, asOf: string | null, signal: AbortSignal): Promise<Dashboard | null> {
  if (year !== null) return fetchDashboard(year, asOf ?? undefined, signal);
  const newest = defaultYear(await loadTaskLists());
  return newest === null ? null : fetchDashboard(newest, asOf ?? undefined, signal);
}

/** 领导看板: completion and on-time rates, overdue work, the monthly trend; every figure opens its tasks. */
export default function DashboardPage() {
  const t = useT();
  const user = useUser();
  const years = useYearOptions();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || null;
  const asOf = params.get('asOf');
  const query = useQuery({
    queryKey: queryKeys.dashboard(year ?? 0, asOf),
    queryFn: ({ signal }) => loadDashboard(year, asOf, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();
  const shownYear = data?.taskList.year ?? year;
  const heat = useMemo(() => (data ? heatmapFrom(data) : null), [data]);

  const setParam = (key: string, value: string | number | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === '') next.delete(key);
        else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle title={t('dash.title')} />
      <section className="filter-bar" aria-label={t('filter.title')}>
        <FilterField id="dash-year" label={t('filter.year')}>
          <Select<number>
            id="dash-year"
            style={{ width: isPhone ? '100%' : 110 }}
            value={shownYear ?? undefined}
            onChange={(v) => setParam('year', v)}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
        </FilterField>
        <FilterField id="dash-asof" label={t('filter.asOf')}>
          <Input
            id="dash-asof"
            type="date"
            style={{ width: isPhone ? '100%' : 160 }}
            value={asOf ?? data?.asOf ?? todayInShanghai()}
            onChange={(e) => setParam('asOf', e.target.value || null)}
          />
        </FilterField>
        {data ? (
          <p className="text-secondary filter-wide" style={{ margin: 0, alignSelf: 'center' }}>
            {data.taskList.title}
          </p>
        ) : null}
      </section>
      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      {query.isFetching && !data ? <PageSpinner /> : null}
      {query.isSuccess && data === null ? (
        <Alert
          type="info"
          showIcon
          title={isUpperLevel(user.unit) ? t('dash.noOwnList', { unit: user.unit?.name ?? '' }) : t('dash.noList')}
        />
      ) : null}
      {data ? (
        <>
          <Kpis d={data} />
          <Suspense fallback={<PageSpinner />}>
            <DashboardCharts d={data} heat={heat} />
          </Suspense>
          <OverdueTable d={data} />
          <Suspense fallback={null}>
            <HazardDashboardSection year={data.taskList.year} />
            <InspectionDashboardSection year={data.taskList.year} />
          </Suspense>
        </>
      ) : null}
    </>
  );
}

function Kpis({ d }: { d: Dashboard }) {
  const t = useT();
  const year = d.taskList.year;
  const asOf = d.asOf;
  const kpi = (label: string, value: string, hint: string, to?: string, tone?: string) => (
    <li className={`kpi ${tone ?? ''}`}>
      <span className="kpi-label">{label}</span>
      {to ? (
        <Link to={to} className="kpi-value">
          {value}
        </Link>
      ) : (
        <span className="kpi-value">{value}</span>
      )}
      <span className="kpi-hint">{hint}</span>
    </li>
  );
  const c = d.totals.counts;
  const statusLink = (status: StatusFilter) => drillPath(year, { status }, asOf);
  return (
    <ul className="kpis" aria-label={t('dash.kpis')}>
      {kpi(
        t('dash.completionRate'),
        percent(d.totals.completionRate),
        t('dash.completionHint', { done: c.accepted + c['done-late'], due: d.totals.dueByAsOf }),
      )}
      {kpi(t('dash.onTimeRate'), percent(d.totals.onTimeRate), t('dash.onTimeHint', { n: c.accepted }))}
      {kpi(t('occ.status.overdue'), String(c.overdue), t('dash.overdueHint'), statusLink('overdue'), 'kpi-red')}
      {kpi(t('occ.status.submitted'), String(c.submitted), t('dash.submittedHint'), statusLink('submitted'))}
      {kpi(
        t('occ.status.accepted'),
        String(c.accepted + c['done-late']),
        t('dash.acceptedHint', { late: c['done-late'] }),
        statusLink('done'),
        'kpi-green',
      )}
      {kpi(t('dash.total'), String(d.totals.total), t('dash.totalHint', { asOf }))}
    </ul>
  );
}

function OverdueTable({ d }: { d: Dashboard }) {
  const t = useT();
  const items = useMemo(() => d.overdue.items.slice(0, 20), [d]);
  return (
    <section className="card" aria-labelledby="overdue-title" style={{ marginTop: 16 }}>
      <h2 id="overdue-title" className="section-title">
        {t('dash.overdueList')}{' '}
        <span className="text-secondary text-small">
          {t('dash.overdueShown', { n: items.length, total: d.overdue.total })}
        </span>
      </h2>
      {items.length === 0 ? <p className="text-secondary">{t('sup.noOverdue')}</p> : null}
      <ol className="overdue-list">
        {items.map((o) => (
          <li key={o.occurrenceId}>
            <span className="overdue-days">{t('sup.daysOverdue', { n: o.daysOverdue })}</span>
            <span className="overdue-main">
              <Link to={`/occurrences/${o.occurrenceId}`}>
                {o.department} · {t('tasks.col.no')} {o.taskNo} · {periodLabel(o.periodKey, t)}
              </Link>
              <span className="clamp-1 text-secondary text-small">{o.taskText}</span>
            </span>
            <span className="text-secondary text-small overdue-due">
              {t('occ.due', { date: o.due })}
              {o.originalDue !== o.due ? ` ${t('occ.originalDue', { date: o.originalDue })}` : ''}
            </span>
          </li>
        ))}
      </ol>
      {d.overdue.total > items.length ? (
        <Link to={drillPath(d.taskList.year, { status: 'overdue' }, d.asOf)}>{t('dash.allOverdue')}</Link>
      ) : null}
    </section>
  );
}
