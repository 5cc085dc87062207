import { FilterOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TaskCards } from './TaskCards.tsx';
import { TaskTable } from './TaskTable.tsx';
import {
  countTasks,
  departmentsOf,
  filterTasks,
  STATUS_LABEL,
  TASK_STATUSES,
  type TaskFilters,
  type TaskStatus,
} from './task-view.ts';
import { useTaskTable, yearOptions } from './use-task-table.ts';

const numberParam = (value: string | null): number | null => {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) ? n : null;
};

export default function TaskListPage() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [filtersOpen, setFiltersOpen] = useState(false);

  const year = numberParam(params.get('year'));
  const asOf = params.get('asOf') ?? undefined;
  const filters = useMemo<TaskFilters>(() => {
    const status = params.get('status');
    return {
      categoryId: numberParam(params.get('category')),
      departmentId: numberParam(params.get('department')),
      status: TASK_STATUSES.includes(status as TaskStatus) ? (status as TaskStatus) : null,
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
        }
        return next;
      },
      { replace: true },
    );
  };

  const table = state.status === 'ready' ? state.table : null;
  const rows = useMemo(() => (table ? filterTasks(table, filters) : []), [table, filters]);
  const departments = useMemo(() => (table ? departmentsOf(table) : []), [table]);
  const shownYear = table?.taskList.year ?? (state.status === 'missing' ? state.year : year);
  const activeFilters = [filters.categoryId, filters.departmentId, filters.status, filters.query || null].filter(
    (v) => v !== null,
  ).length;
  const filtered = activeFilters > 0;

  return (
    <>
      <PageTitle title={t('tasks.title')} />
      <section aria-label={t('filter.title')} className="filter-bar">
        <FilterField id="filter-year" label={t('filter.year')}>
          <Select<number>
            id="filter-year"
            style={{ width: isPhone ? '100%' : 100 }}
            value={shownYear ?? undefined}
            onChange={(v) => setParam('year', v)}
            options={yearOptions().map((y) => ({ value: y, label: String(y) }))}
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
              <Select<TaskStatus>
                id="filter-status"
                style={{ width: isPhone ? '100%' : 130 }}
                allowClear
                placeholder={t('common.all')}
                value={filters.status ?? undefined}
                onChange={(v) => setParam('status', v ?? null)}
                options={TASK_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))}
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
          <Alert type="info" showIcon title={t('tasks.progressHint')} style={{ marginBottom: 12 }} />
          {isPhone ? <TaskCards rows={rows} /> : <TaskTable rows={rows} caption={table.taskList.title} />}
        </>
      ) : null}
    </>
  );
}
