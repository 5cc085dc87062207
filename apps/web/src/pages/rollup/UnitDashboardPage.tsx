import { todayInShanghai } from '@duban/shared/civil-date';
import type { DashboardResponse } from '@duban/shared/contracts/dashboard';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Table } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchRollup, fetchUnitDashboard } from '../../api/rollup.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { RollupFilters } from './RollupFilters.tsx';
import { RollupKpis } from './RollupKpis.tsx';
import { defaultRollupYear, pct } from './rollup-model.ts';

type Department = DashboardResponse['byDepartment'][number];
type Overdue = DashboardResponse['overdue']['items'][number];

/** Drill-down: a child unit's own dashboard, read-only (its figures, departments and overdue duties). */
export default function UnitDashboardPage() {
  const t = useT();
  const unitId = Number(useParams().unitId);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || defaultRollupYear(todayInShanghai());
  const rollupParams = { year, unitId };
  const rollupQuery = useQuery({
    queryKey: queryKeys.rollup(rollupParams),
    queryFn: ({ signal }) => fetchRollup(rollupParams, signal),
    placeholderData: keepPreviousData,
  });
  // Asked once the unit is known to be readable (the roll-up answers 403 outside the reader's subtree).
  const dashboardQuery = useQuery({
    queryKey: queryKeys.unitDashboard(unitId, year),
    queryFn: ({ signal }) =>
      fetchUnitDashboard(unitId, year, signal).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null; // no list of the year
        throw e;
      }),
    enabled: rollupQuery.isSuccess,
    placeholderData: keepPreviousData,
  });
  const rollup = rollupQuery.data;
  const dashboard = dashboardQuery.data;
  const failed = rollupQuery.isError ? rollupQuery : dashboardQuery.isError ? dashboardQuery : null;
  if (failed && (!rollup || dashboard === undefined))
    return <ErrorResult error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!rollup || dashboard === undefined) return <PageSpinner />;
  const own = rollup.own;
  return (
    <>
      <PageTitle title={t('rollup.unitDashboard', { unit: rollup.unit.name })} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('rollup.readOnly')}
        action={<Link to={`/rollup?year=${year}`}>{t('rollup.backToOverview')}</Link>}
      />
      <RollupFilters year={year} onYear={(y) => setParams({ year: String(y) }, { replace: true })} />
      <RollupKpis
        label={rollup.unit.name}
        items={[
          { label: t('rollup.col.completion'), value: pct(dashboard?.totals.completionRate ?? null) },
          { label: t('rollup.col.onTime'), value: pct(dashboard?.totals.onTimeRate ?? null), tone: 'green' },
          { label: t('rollup.col.overdue'), value: dashboard?.overdue.total ?? 0, tone: 'red' },
          { label: t('rollup.col.hazardsFound'), value: own.hazards.found },
          { label: t('rollup.col.inspections'), value: own.inspections.inspections },
          { label: t('rollup.col.penalties'), value: own.inspections.penalties },
        ]}
      />
      {dashboard === null ? (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('rollup.noList', { year })} />
      ) : (
        <>
          <Card size="small" title={t('rollup.byDepartment')} style={{ marginTop: 12 }}>
            <Table<Department>
              rowKey="departmentId"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 560 }}
              dataSource={dashboard.byDepartment}
              columns={[
                { title: t('rollup.col.department'), dataIndex: 'name' },
                { title: t('rollup.col.total'), dataIndex: 'total' },
                { title: t('rollup.col.completion'), key: 'c', render: (_, d) => pct(d.completionRate) },
                { title: t('rollup.col.onTime'), key: 'o', render: (_, d) => pct(d.onTimeRate) },
                { title: t('rollup.col.overdue'), key: 'od', render: (_, d) => d.counts.overdue },
              ]}
            />
          </Card>
          <Card size="small" title={t('rollup.overdueList', { n: dashboard.overdue.total })} style={{ marginTop: 12 }}>
            <Table<Overdue>
              rowKey="occurrenceId"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              dataSource={dashboard.overdue.items}
              columns={[
                { title: t('rollup.col.no'), dataIndex: 'taskNo', width: 60 },
                { title: t('rollup.col.task'), dataIndex: 'taskText', ellipsis: true },
                { title: t('rollup.col.department'), dataIndex: 'department', width: 140 },
                { title: t('rollup.col.due'), dataIndex: 'due', width: 110 },
                { title: t('rollup.col.daysOverdue'), dataIndex: 'daysOverdue', width: 90 },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
