import { FilterOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useState } from 'react';
import type { ListTasksResponse } from '../../api/contracts.ts';
import { FilterField } from '../../components/FilterField.tsx';
import { OCCURRENCE_STATUS_LABEL } from '../../components/OccurrenceStatusTag.tsx';
import { monthLabel } from '../../components/period.ts';
import { Input, SearchInput } from '../../components/plain-input.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { activeFilterCount, STATUS_FILTERS, type StatusFilter, type TaskFilters } from './task-view.ts';

export interface TaskFilterBarProps {
  years: number[];
  shownYear: number | null;
  filters: TaskFilters;
  /** The loaded table (categories to choose from; its as-of date when none was asked for). */
  table: ListTasksResponse | null;
  departments: { id: number; name: string }[];
  asOf: string | undefined;
  /** Sets one URL parameter (null/empty removes it). */
  onParam: (key: string, value: string | number | null | undefined) => void;
  /** Clears every filter but the year and the as-of date. */
  onReset: () => void;
}

/** The task table's filter bar: year, then category, department, status, month, as-of date and text (folded on phones). */
export function TaskFilterBar({
  years,
  shownYear,
  filters,
  table,
  departments,
  asOf,
  onParam,
  onReset,
}: TaskFilterBarProps) {
  const t = useT();
  const isPhone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = activeFilterCount(filters);
  const setParam = onParam;
  return (
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
            <SearchInput
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
      {activeFilters > 0 ? <Button onClick={onReset}>{t('common.reset')}</Button> : null}
    </section>
  );
}
