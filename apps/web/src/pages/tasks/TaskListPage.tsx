import { DownloadOutlined, FilterOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { fetchYearOccurrences } from '../../api/progress.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { OCCURRENCE_STATUS_LABEL } from '../../components/OccurrenceStatusTag.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { monthLabel } from '../../components/period.ts';
import { useLoad } from '../../components/use-load.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TaskCards } from './TaskCards.tsx';
import { TaskTable } from './TaskTable.tsx';
import {
  countTasks,
  departmentsOf,
  filterTasks,
  needsOccurrences,
  progressFromOccurrences,
  STATUS_FILTERS,
  type StatusFilter,
  type TaskFilters,
} from './task-view.ts';
import { useTaskTable, useYearOptions } from './use-task-table.ts';

// The dialog (antd Modal, Radio) loads on first use: the task table is the office's first screen.
const ExportDialog = lazy(() => import('./ExportDialog.tsx'));

const numberParam = (value: string | null): number | null => {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) ? n : null;
};

export default function TaskListPage() {
  const t = useT();
  const years = useYearOptions();
  const user = useUser();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);

  const year = numberParam(params.get('year'));
  const asOf = params.get('asOf') ?? undefined;
  const filters = useMemo<TaskFilters>(() => {
    const status = params.get('status');
    const month = params.get('month');
    return {
      categoryId: numberParam(params.get('category')),
      departmentId: numberParam(params.get('department')),
      status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : null,
      month: month && /^\d{4}-\d{2}$/.test(month) ? month : null,
      query: params.get('q') ?? '',
    };
  }, [params]);
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
  const occurrences = useLoad(
    async () => (table && withOccurrences ? (await fetchYearOccurrences(table.taskList.year)).items : null),
    [table, withOccurrences],
  );
  const occurrenceProgress = useMemo(
    () =>
      table && withOccurrences && occurrences.state.status === 'ready' && occurrences.data
        ? progressFromOccurrences(occurrences.data, table.asOf, filters)
        : null,
    [table, withOccurrences, occurrences.state.status, occurrences.data, filters],
  );
  const progressLoading = withOccurrences && occurrenceProgress === null && occurrences.state.status !== 'error';
  const rows = useMemo(
    () => (table ? filterTasks(table, filters, occurrenceProgress) : []),
    [table, filters, occurrenceProgress],
  );
  const departments = useMemo(() => (table ? departmentsOf(table) : []), [table]);
  const shownYear = table?.taskList.year ?? (state.status === 'missing' ? state.year : year);
  const activeFilters = [
    filters.categoryId,
    filters.departmentId,
    filters.status,
    filters.month,
    filters.query || null,
  ].filter((v) => v !== null).length;
  const filtered = activeFilters > 0;

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
      <section aria-label={t('filter.title')} className="filter-bar">
        <FilterField id="filter-year" label={t('filter.year')}>
          <Select<number>
            id="filter-year"
            style={{ width: isPhone ? '100%' : 100 }}
            value={shownYear ?? undefined}
            onChange={(v) => setParam('year', v)}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
        </FilterField>
        {isPhone ? (
          <div className="filter-field" style={{ justifyContent: 'flex-end' }}>
            <Button
              icon={<FilterOutlined />}
              aria-expanded={filtersOpen}
              aria-controls="task-filters-more"
              onClick={() => setFiltersOpen((v) => !v)}
            >
              {activeFilters > 0 ? t('filter.toggleActive', { n: activeFilters }) : t('filter.title')}
            </Button>
          </div>
        ) : null}
        {!isPhone || filtersOpen ? (
          <div id="task-filters-more" className="filter-more">
            <FilterField id="filter-category" label={t('filter.category')}>
              <Select<number>
                id="filter-category"
                style={{ width: isPhone ? '100%' : 230 }}
                allowClear
                placeholder={t('common.all')}
                value={filters.categoryId ?? undefined}
                onChange={(v) => setParam('category', v ?? null)}
                options={table?.categories.map((c) => ({ value: c.id, label: c.title })) ?? []}
                popupMatchSelectWidth={false}
              />
            </FilterField>
            <FilterField id="filter-department" label={t('filter.department')}>
              <Select<number>
                id="filter-department"
                style={{ width: isPhone ? '100%' : 170 }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                value={filters.departmentId ?? undefined}
                onChange={(v) => setParam('department', v ?? null)}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
                popupMatchSelectWidth={false}
              />
            </FilterField>
            <FilterField id="filter-status" label={t('filter.status')}>
              <Select<StatusFilter>
                id="filter-status"
                style={{ width: isPhone ? '100%' : 168 }}
                allowClear
                placeholder={t('common.all')}
                value={filters.status ?? undefined}
                onChange={(v) => setParam('status', v ?? null)}
                options={STATUS_FILTERS.map((s) => ({
                  value: s,
                  label: s === 'done' ? t('status.done') : t(OCCURRENCE_STATUS_LABEL[s]),
                }))}
                popupMatchSelectWidth={false}
              />
            </FilterField>
            <FilterField id="filter-month" label={t('filter.month')}>
              <Select<string>
                id="filter-month"
                style={{ width: isPhone ? '100%' : 120 }}
                allowClear
                placeholder={t('common.all')}
                value={filters.month ?? undefined}
                onChange={(v) => setParam('month', v ?? null)}
                options={
                  shownYear
                    ? Array.from({ length: 12 }, (_, i) => {
                        const m = `${shownYear}-${String(i + 1).padStart(2, '0')}`;
                        return { value: m, label: monthLabel(m, t) };
                      })
                    : []
                }
              />
            </FilterField>
            <FilterField id="filter-asof" label={t('filter.asOf')}>
              {/* A native date input: antd's DatePicker would add ~30 KB gzipped to this first screen. */}
              <Input
                id="filter-asof"
                type="date"
                style={{ width: isPhone ? '100%' : 150 }}
                value={asOf ?? table?.asOf ?? ''}
                onChange={(e) => setParam('asOf', e.target.value || null)}
                title={t('tasks.asOfHint')}
              />
            </FilterField>
            <div className="filter-field filter-wide">
              <label htmlFor="filter-q">{t('filter.search')}</label>
              <Input.Search
                id="filter-q"
                style={{ width: isPhone ? '100%' : 170 }}
                allowClear
                placeholder={t('filter.searchPlaceholder')}
                defaultValue={filters.query}
                onSearch={(v) => setParam('q', v)}
              />
            </div>
          </div>
        ) : null}
        {filtered ? (
          <Button
            onClick={() =>
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
              )
            }
          >
            {t('common.reset')}
          </Button>
        ) : null}
      </section>

      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={retry} /> : null}
      {state.status === 'missing' ? (
        <Alert
          type="info"
          showIcon
          title={t('tasks.noList', { year: state.year })}
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
          {occurrences.state.status === 'error' ? (
            <ErrorResult error={occurrences.state.error} onRetry={occurrences.reload} />
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
