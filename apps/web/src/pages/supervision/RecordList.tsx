import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { SupervisionKind } from '../../api/contracts.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchActions, SUPERVISION_KINDS } from '../../api/supervision.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { useOccurrenceLookup } from '../../components/occurrence-lookup.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { periodLabel } from '../../components/period.ts';
import { KIND_LABEL } from '../../components/supervision-kind.ts';
import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ActionItem } from '../occurrence/SupervisionPanel.tsx';

type ReplyFilter = 'all' | 'awaiting' | 'replied';

/** Every recorded 督办 step, newest first; with `noticesOnly`, the 督办单 and whether they were answered. */
export function RecordList({ noticesOnly }: { noticesOnly: boolean }) {
  const t = useT();
  const isPhone = useIsPhone();
  const [kind, setKind] = useState<SupervisionKind | null>(null);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [reply, setReply] = useState<ReplyFilter>('all');
  const registry = useDepartmentRegistry();
  const names = useMemo(() => new Map(registry.departments.map((d) => [d.id, d.name])), [registry.departments]);
  const query = useQuery({
    queryKey: queryKeys.supervisionRecords(noticesOnly ? 'notice' : (kind ?? null), departmentId),
    queryFn: ({ signal }) => fetchActions({ kind: noticesOnly ? 'notice' : kind, departmentId }, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();
  const actions = useMemo(
    () =>
      [...(data?.actions ?? [])]
        .filter((a) => !noticesOnly || reply === 'all' || (reply === 'replied') === (a.reply !== null))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id),
    [data, noticesOnly, reply],
  );
  const shown = actions.slice(0, 100);
  const occurrences = useOccurrenceLookup(shown.map((a) => a.occurrenceId));

  return (
    <>
      <section className="filter-bar" aria-label={t('filter.title')}>
        {noticesOnly ? (
          <FilterField id="notice-reply" label={t('sup.replyState')}>
            <Select<ReplyFilter>
              id="notice-reply"
              style={{ width: isPhone ? '100%' : 140 }}
              value={reply}
              onChange={setReply}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'awaiting', label: t('sup.awaitingReply') },
                { value: 'replied', label: t('sup.replied') },
              ]}
            />
          </FilterField>
        ) : (
          <FilterField id="record-kind" label={t('sup.kind')}>
            <Select<SupervisionKind>
              id="record-kind"
              style={{ width: isPhone ? '100%' : 140 }}
              allowClear
              placeholder={t('common.all')}
              value={kind ?? undefined}
              onChange={(v) => setKind(v ?? null)}
              options={SUPERVISION_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
            />
          </FilterField>
        )}
        <FilterField id="record-department" label={t('filter.department')}>
          <Select<number>
            id="record-department"
            style={{ width: isPhone ? '100%' : 200 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            value={departmentId ?? undefined}
            onChange={(v) => setDepartmentId(v ?? null)}
            options={realDepartments(registry.departments).map((d) => ({ value: d.id, label: d.name }))}
          />
        </FilterField>
        <p className="text-secondary filter-wide" style={{ margin: 0, alignSelf: 'center' }} aria-live="polite">
          {data ? t('sup.recordCount', { n: actions.length }) : ''}
        </p>
      </section>
      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      {!data && query.isFetching ? <PageSpinner /> : null}
      {data && actions.length === 0 ? <Empty description={t('sup.none')} /> : null}
      <ul className="inbox-list" aria-label={noticesOnly ? t('sup.view.notices') : t('sup.view.records')}>
        {shown.map((a) => {
          const o = occurrences.get(a.occurrenceId);
          return (
            <li key={a.id}>
              <article className="card">
                <div className="timeline-head">
                  <strong>{o?.department?.name ?? names.get(a.departmentId) ?? ''}</strong>
                  {o ? (
                    <Link to={`/occurrences/${o.id}`} className="text-small">
                      {t('tasks.col.no')} {o.task.no} · {periodLabel(o.periodKey, t)}
                    </Link>
                  ) : (
                    <Link to={`/occurrences/${a.occurrenceId}`} className="text-small">
                      {t('sup.openOccurrence')}
                    </Link>
                  )}
                </div>
                {o ? (
                  <p className="clamp-2 text-secondary text-small" style={{ margin: '4px 0' }}>
                    {o.task.text}
                  </p>
                ) : null}
                <ol className="timeline">
                  <ActionItem action={a} canReply={false} onChanged={reload} />
                </ol>
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
