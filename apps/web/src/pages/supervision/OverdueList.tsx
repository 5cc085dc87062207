import { toDayNumber } from '@duban/shared/civil-date';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Occurrence, SupervisionAction } from '../../api/contracts.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchActions } from '../../api/supervision.ts';
import type { Batch } from '../../api/supervision-batches.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { periodLabel } from '../../components/period.ts';
import { KIND_COLOR, KIND_LABEL } from '../../components/supervision-kind.ts';
import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useInboxPages } from '../my-work/use-inbox.ts';
import { RecordActionForm } from '../occurrence/RecordActionForm.tsx';
import { useYearOptions } from '../tasks/use-task-table.ts';
import { BatchBar, IssuedBatches } from './BatchParts.tsx';

const PAGE = 30;

/** Overdue occurrences (most overdue first) with the 督办 steps taken so far and the next one to record. */
export function OverdueList() {
  const t = useT();
  const years = useYearOptions();
  const isPhone = useIsPhone();
  const [year, setYear] = useState<number | null>(null);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const registry = useDepartmentRegistry();

  const { query, data: inbox, more } = useInboxPages({ status: 'overdue', year, departmentId }, PAGE);
  const records = useQuery({
    queryKey: queryKeys.supervisionRecords(null, departmentId),
    queryFn: ({ signal }) => fetchActions({ departmentId }, signal),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    if (!inbox || !records.data) return undefined;
    const byOccurrence = new Map<number, SupervisionAction[]>();
    for (const a of records.data.actions)
      byOccurrence.set(a.occurrenceId, [...(byOccurrence.get(a.occurrenceId) ?? []), a]);
    return { inbox, byOccurrence };
  }, [inbox, records.data]);
  const failed = query.isError ? query.error : records.isError ? records.error : null;
  const reload = () => {
    void query.refetch();
    void records.refetch();
  };
  const departments = useMemo(
    () => realDepartments(registry.departments).map((d) => ({ value: d.id, label: d.name })),
    [registry.departments],
  );
  const office = isOfficeRole(useUser().role);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [issued, setIssued] = useState<Batch[] | null>(null);
  // Grouped by department, in the order the most overdue item of each appears.
  const groups = useMemo(() => {
    const map = new Map<number, { name: string; items: Occurrence[] }>();
    for (const o of data?.inbox.items ?? []) {
      const key = o.department?.id ?? 0;
      const g = map.get(key) ?? { name: o.department?.name ?? '—', items: [] };
      g.items.push(o);
      map.set(key, g);
    }
    return [...map.entries()];
  }, [data]);
  const selectedDepartments = new Set(
    (data?.inbox.items ?? []).filter((o) => selected.has(o.id)).map((o) => o.department?.id),
  ).size;
  const toggle = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <>
      <section className="filter-bar" aria-label={t('filter.title')}>
        <FilterField id="overdue-year" label={t('filter.year')}>
          <Select<number | 0>
            id="overdue-year"
            style={{ width: isPhone ? '100%' : 120 }}
            value={year ?? 0}
            onChange={(v) => {
              setYear(v || null);
            }}
            options={[{ value: 0, label: t('common.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
        </FilterField>
        <FilterField id="overdue-department" label={t('filter.department')}>
          <Select<number>
            id="overdue-department"
            style={{ width: isPhone ? '100%' : 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            value={departmentId ?? undefined}
            onChange={(v) => {
              setDepartmentId(v ?? null);
            }}
            options={departments}
          />
        </FilterField>
        <p className="text-secondary filter-wide" style={{ margin: 0, alignSelf: 'center' }} aria-live="polite">
          {data ? t('sup.overdueCount', { n: data.inbox.total }) : ''}
        </p>
      </section>
      {failed ? <ErrorResult error={failed} onRetry={reload} /> : null}
      {!data && !failed ? <PageSpinner /> : null}
      {data && data.inbox.items.length === 0 ? <Empty description={t('sup.noOverdue')} /> : null}
      {issued ? <IssuedBatches batches={issued} onClose={() => setIssued(null)} /> : null}
      {office && data && data.inbox.items.length > 0 ? (
        <BatchBar
          selected={[...selected]}
          departments={selectedDepartments}
          onClear={() => setSelected(new Set())}
          onIssued={(batches) => {
            setIssued(batches);
            setSelected(new Set());
            reload();
          }}
        />
      ) : null}
      {groups.map(([key, g]) => {
        const ids = g.items.map((o) => o.id);
        const all = ids.every((id) => selected.has(id));
        const some = ids.some((id) => selected.has(id));
        return (
          <section key={key} className="overdue-group" aria-label={g.name}>
            <h2 className="section-title overdue-group-title">
              {office ? (
                <Checkbox
                  checked={all}
                  indeterminate={some && !all}
                  onChange={(e) => toggle(ids, e.target.checked)}
                  aria-label={t('batch.selectDepartment', { name: g.name })}
                />
              ) : null}{' '}
              {g.name} <span className="text-secondary text-small">{t('batch.groupCount', { n: g.items.length })}</span>
            </h2>
            <ul className="inbox-list" aria-label={t('sup.view.overdue')}>
              {g.items.map((o) => (
                <OverdueCard
                  key={o.id}
                  o={o}
                  today={data?.inbox.today ?? ''}
                  actions={data?.byOccurrence.get(o.id) ?? []}
                  onRecorded={reload}
                  selectable={office}
                  checked={selected.has(o.id)}
                  onCheck={(on) => toggle([o.id], on)}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {data && data.inbox.items.length < data.inbox.total ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={query.isFetchingNextPage} onClick={more}>
            {t('common.more', { n: data.inbox.total - data.inbox.items.length })}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function OverdueCard({
  o,
  today,
  actions,
  onRecorded,
  selectable,
  checked,
  onCheck,
}: {
  o: Occurrence;
  today: string;
  actions: SupervisionAction[];
  onRecorded: () => void;
  selectable: boolean;
  checked: boolean;
  onCheck: (on: boolean) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const days = toDayNumber(today) - toDayNumber(o.dueDate);
  const subject = `${o.department?.name ?? ''} ${t('tasks.col.no')} ${o.task.no} ${periodLabel(o.periodKey, t)}`;
  return (
    <li>
      <article className="card" data-occurrence-id={o.id} aria-label={subject}>
        <div className="timeline-head">
          {selectable ? (
            <Checkbox
              checked={checked}
              onChange={(e) => onCheck(e.target.checked)}
              aria-label={t('batch.selectItem', { subject })}
            />
          ) : null}
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {t('sup.daysOverdue', { n: days })}
          </Tag>
          <strong>{o.department?.name}</strong>
          <span className="text-secondary text-small">{periodLabel(o.periodKey, t)}</span>
          <DueDate o={o} />
        </div>
        <Link to={`/occurrences/${o.id}`} className="inbox-card-title clamp-2">
          <strong>
            {t('tasks.col.no')} {o.task.no}
          </strong>{' '}
          {o.task.text}
        </Link>
        <div className="timeline-head">
          <span className="text-secondary text-small">{t('sup.stepsTaken')}</span>
          {actions.length === 0 ? <span className="text-small">{t('sup.noSteps')}</span> : null}
          {actions.map((a) => (
            <Tag key={a.id} color={KIND_COLOR[a.kind]} style={{ marginInlineEnd: 0 }}>
              {t(KIND_LABEL[a.kind])}
              {a.kind === 'notice' ? (a.reply ? ` · ${t('sup.replied')}` : ` · ${t('sup.awaitingReply')}`) : ''}
            </Tag>
          ))}
        </div>
        {open ? (
          <RecordActionForm
            occurrenceId={o.id}
            taken={actions.map((a) => a.kind)}
            onRecorded={() => {
              setOpen(false);
              onRecorded();
            }}
            onCancel={() => setOpen(false)}
          />
        ) : (
          <div className="button-row">
            <Button type="primary" onClick={() => setOpen(true)} aria-label={`${t('sup.recordStep')}：${subject}`}>
              {t('sup.recordStep')}
            </Button>
          </div>
        )}
      </article>
    </li>
  );
}
