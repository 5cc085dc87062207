import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { fetchAllInbox } from '../../api/progress.ts';
import { queryKeys } from '../../api/query.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { isUpperLevel } from '../../app/nav.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TaskCards } from './TaskCards.tsx';
import { TaskFilterBar } from './TaskFilterBar.tsx';
import { TaskTable } from './TaskTable.tsx';
import {
  activeFilterCount,
  countTasks,
  departmentsOf,
  filtersFromParams,
  filterTasks,
  needsOccurrences,
  numberParam,
  progressFromOccurrences,
  type TaskFilters,
} from './task-view.ts';
import { useTaskTable, useYearOptions } from './use-task-table.ts';

// The dialog (antd Modal, Radio) loads on first use: the task table is the office's first screen.
const ExportDialog = lazy(() => import('./ExportDialog.tsx'));

export default function TaskListPage() {
  const t = useT();
  const years = useYearOptions();
  const user = useUser();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [exportOpen, setExportOpen] = useState(false);

  const year = numberParam(params.get('year'));
  const asOf = params.get('asOf') ?? undefined;
  const filters = useMemo<TaskFilters>(() => filtersFromParams(params), [params]);
  const { state, retry } = useTaskTable(year, asOf);

  const setParam = (key: string, value: string | number | null | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
        // A category or department id belongs to one year's list.
        if (key === 'year') {
          next.delete('category');
          next.delete('department');
          next.delete('month');
        }
        return next;
      },
      { replace: true },
    );
  };

  const table = state.status === 'ready' ? state.table : null;
  // The year's occurrences, when the server's roll-up is not enough (a month or a department filter).
  const withOccurrences = table !== null && needsOccurrences(filters);
  const occurrences = useQuery({
    queryKey: queryKeys.yearOccurrences(table?.taskList.year ?? 0),
    queryFn: () => fetchAllInbox({ year: table?.taskList.year }),
    enabled: withOccurrences,
    staleTime: 60_000,
  });
  const occurrenceProgress = useMemo(
    () =>
      table && withOccurrences && occurrences.data
        ? progressFromOccurrences(occurrences.data.items, table.asOf, filters)
        : null,
    [table, withOccurrences, occurrences.data, filters],
  );
  const progressLoading = withOccurrences && occurrenceProgress === null && !occurrences.isError;
  const rows = useMemo(
    () => (table ? filterTasks(table, filters, occurrenceProgress) : []),
    [table, filters, occurrenceProgress],
  );
  const departments = useMemo(() => (table ? departmentsOf(table) : []), [table]);
  const shownYear = table?.taskList.year ?? (state.status === 'missing' ? state.year : year);
  const filtered = activeFilterCount(filters) > 0;

  const resetFilters = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        for (const key of ['year', 'asOf']) {
          const v = prev.get(key);
          if (v) next.set(key, v);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle
        title={t('tasks.title')}
        extra={
          shownYear && user.role !== 'enterprise' ? (
            <div className="page-actions">
              <Button icon={<DownloadOutlined />} onClick={() => setExportOpen(true)} disabled={!table}>
                {t('export.button')}
              </Button>
              {user.role !== 'leader' ? (
                <Button icon={<UploadOutlined />} onClick={() => navigate('/returned')}>
                  {t('nav.returned')}
                </Button>
              ) : null}
            </div>
          ) : null
        }
      />
      {exportOpen && table ? (
        <Suspense fallback={null}>
          <ExportDialog
            year={table.taskList.year}
            isDepartment={user.role === 'department'}
            onClose={() => setExportOpen(false)}
          />
        </Suspense>
      ) : null}
      <TaskFilterBar
        years={years}
        shownYear={shownYear}
        filters={filters}
        table={table}
        departments={departments}
        asOf={asOf}
        onParam={setParam}
        onReset={resetFilters}
      />

      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={retry} /> : null}
      {state.status === 'missing' ? (
        <Alert
          type="info"
          showIcon
          title={
            isUpperLevel(user.unit)
              ? t('tasks.noOwnList', { year: state.year, unit: user.unit?.name ?? '' })
              : t('tasks.noList', { year: state.year })
          }
          description={isUpperLevel(user.unit) ? t('tasks.noOwnListHint') : undefined}
          action={
            isOfficeRole(user.role) ? (
              <Button type="primary" onClick={() => navigate('/import')}>
                {t('tasks.goImport')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {table ? (
        <>
          <p style={{ margin: '0 0 8px' }}>
            <strong>{table.taskList.title}</strong>
            <br />
            <span className="text-secondary" aria-live="polite">
              {filtered
                ? t('tasks.filtered', { n: rows.length, total: countTasks(table) })
                : t('tasks.count', { n: countTasks(table), c: table.categories.length })}
            </span>
          </p>
          {occurrences.isError ? (
            <ErrorResult error={occurrences.error} onRetry={() => void occurrences.refetch()} />
          ) : null}
          {progressLoading && (filters.month || filters.status) ? <PageSpinner /> : null}
          {progressLoading && (filters.month || filters.status) ? null : isPhone ? (
            <TaskCards rows={rows} year={table.taskList.year} loading={progressLoading} />
          ) : (
            <TaskTable
              rows={rows}
              caption={table.taskList.title}
              year={table.taskList.year}
              loading={progressLoading}
            />
          )}
        </>
      ) : null}
    </>
  );
}
