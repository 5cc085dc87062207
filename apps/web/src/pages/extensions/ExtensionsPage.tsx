import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Segmented } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ExtensionStatus } from '../../api/contracts.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchExtensions } from '../../api/supervision.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useOccurrenceLookup } from '../../components/occurrence-lookup.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DecideExtension, EXTENSION_STATUS_LABEL, ExtensionFacts } from '../occurrence/ExtensionParts.tsx';

type View = ExtensionStatus | 'all';
const VIEWS: readonly View[] = ['pending', 'approved', 'refused', 'all'];

/** 延期审批: requests waiting for a decision first; each shows the original and the requested due date. */
export default function ExtensionsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.includes(params.get('view') as View) ? (params.get('view') as View) : 'pending';
  const registry = useDepartmentRegistry();
  const names = useMemo(() => new Map(registry.departments.map((d) => [d.id, d.name])), [registry.departments]);
  const query = useQuery({
    queryKey: queryKeys.extensions(view),
    queryFn: ({ signal }) => fetchExtensions({ status: view === 'all' ? null : view }, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();
  const list = useMemo(
    () => [...(data?.extensions ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 200),
    [data],
  );
  const occurrences = useOccurrenceLookup(list.map((e) => e.occurrenceId));

  return (
    <>
      <PageTitle title={t('ext.pageTitle')} />
      <Segmented<View>
        aria-label={t('filter.status')}
        value={view}
        onChange={(v) => setParams({ view: v }, { replace: true })}
        options={VIEWS.map((v) => ({ value: v, label: v === 'all' ? t('common.all') : t(EXTENSION_STATUS_LABEL[v]) }))}
        style={{ marginBottom: 12 }}
      />
      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      {!data && query.isFetching ? <PageSpinner /> : null}
      {data ? (
        <p className="text-secondary" aria-live="polite">
          {t('ext.count', { n: list.length })}
        </p>
      ) : null}
      {data && list.length === 0 ? <Empty description={t('ext.empty')} /> : null}
      <ul className="inbox-list" aria-label={t('ext.pageTitle')}>
        {list.map((e) => {
          const o = occurrences.get(e.occurrenceId);
          const department = o?.department?.name ?? names.get(e.departmentId) ?? '';
          const subject = `${department} ${o ? `${t('tasks.col.no')} ${o.task.no} ${periodLabel(o.periodKey, t)}` : ''}`;
          return (
            <li key={e.id}>
              <article className="card" data-extension-id={e.id} aria-label={subject}>
                <div className="timeline-head">
                  <strong>{department}</strong>
                  <Link to={`/occurrences/${e.occurrenceId}`} className="text-small">
                    {o ? `${t('tasks.col.no')} ${o.task.no} · ${periodLabel(o.periodKey, t)}` : t('sup.openOccurrence')}
                  </Link>
                </div>
                {o ? (
                  <p className="clamp-2 text-secondary text-small" style={{ margin: '4px 0' }}>
                    {o.task.text}
                  </p>
                ) : null}
                <div className="date-change">
                  <span>
                    <span className="text-secondary text-small">{t('ext.originalDue')}</span>
                    <strong>{e.originalDue}</strong>
                  </span>
                  <span aria-hidden>→</span>
                  <span>
                    <span className="text-secondary text-small">{t('ext.requestedDue')}</span>
                    <strong>{e.requestedDue}</strong>
                  </span>
                </div>
                <ExtensionFacts extension={e} />
                {e.status === 'pending' ? <DecideExtension extension={e} subject={subject} onDone={reload} /> : null}
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
