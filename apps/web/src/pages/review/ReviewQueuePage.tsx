import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ReportListItem, ReportResponse } from '../../api/contracts.ts';
import { fetchReport, fetchReports } from '../../api/progress.ts';
import { queryKeys } from '../../api/query.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { ReportStatusTag } from '../../components/OccurrenceStatusTag.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { formatTime } from '../../components/time.ts';
import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EvidenceList } from '../occurrence/EvidenceList.tsx';
import { ReviewActions } from '../occurrence/ReviewActions.tsx';

interface QueueItem {
  item: ReportListItem;
  /** With its evidence (the list has only the count). */
  report: ReportResponse | null;
}

async function loadQueue(departmentId: number | null, signal: AbortSignal): Promise<QueueItem[]> {
  const [first, again] = await Promise.all([
    fetchReports({ status: 'submitted', departmentId, limit: 200 }, signal),
    fetchReports({ status: 'resubmitted', departmentId, limit: 200 }, signal),
  ]);
  const items = [...first.items, ...again.items].sort((a, b) =>
    (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
  );
  // Evidence links of the first screenful; the rest open from the occurrence page.
  const details = await Promise.all(
    items.map((item, i) => (i < 40 && item.evidenceCount > 0 ? fetchReport(item.id, signal) : Promise.resolve(null))),
  );
  return items.map((item, i) => ({ item, report: details[i] ?? null }));
}

/** 审核队列: submitted reports, oldest first; 通过 in one click, 退回 with a reason in two. */
export default function ReviewQueuePage() {
  const t = useT();
  const isPhone = useIsPhone();
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [done, setDone] = useState<Set<number>>(new Set());
  const query = useQuery({
    queryKey: queryKeys.reviewQueue(departmentId),
    queryFn: ({ signal }) => loadQueue(departmentId, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();

  const registry = useDepartmentRegistry();
  const departments = useMemo(
    () => realDepartments(registry.departments).map((d) => ({ value: d.id, label: d.name })),
    [registry.departments],
  );
  const queue = (data ?? []).filter(({ item }) => !done.has(item.id));

  return (
    <>
      <PageTitle title={t('review.title')} />
      <section className="filter-bar" aria-label={t('filter.title')}>
        <FilterField id="review-department" label={t('filter.department')}>
          <Select<number>
            id="review-department"
            style={{ width: isPhone ? '100%' : 200 }}
            allowClear
            placeholder={t('common.all')}
            value={departmentId ?? undefined}
            onChange={(v) => setDepartmentId(v ?? null)}
            options={departments}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </FilterField>
        <p className="text-secondary filter-wide" style={{ margin: 0, alignSelf: 'center' }} aria-live="polite">
          {data ? t('review.count', { n: queue.length }) : ''}
        </p>
      </section>
      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      {!data && query.isFetching ? <PageSpinner /> : null}
      {data && queue.length === 0 ? <Empty description={t('review.empty')} /> : null}
      <ul className="inbox-list" aria-label={t('review.title')}>
        {queue.map(({ item, report }) => {
          const subject = `${item.department.name} ${t('tasks.col.no')} ${item.task.no} ${periodLabel(item.periodKey, t)}`;
          return (
            <li key={item.id}>
              <article className="card review-card" data-report-id={item.id} aria-label={subject}>
                <div className="timeline-head">
                  <ReportStatusTag status={item.status} />
                  <strong>{item.department.name}</strong>
                  <span className="text-secondary text-small">
                    {periodLabel(item.periodKey, t)} · {t('occ.due', { date: item.dueDate })}
                  </span>
                </div>
                <Link to={`/occurrences/${item.occurrenceId}`} className="inbox-card-title clamp-2">
                  <strong>
                    {t('tasks.col.no')} {item.task.no}
                  </strong>{' '}
                  {item.task.text}
                </Link>
                <div className="report-quote">
                  <div className="text-secondary text-small">
                    {t('history.workDate', { date: item.workDate })} ·{' '}
                    {t('history.submittedAt', { at: formatTime(item.submittedAt) })}
                  </div>
                  <p className="pre-wrap" style={{ margin: '4px 0' }}>
                    {item.text}
                  </p>
                  {report ? (
                    <EvidenceList evidence={report.evidence} />
                  ) : (
                    <span className="text-secondary text-small">
                      {item.evidenceCount > 0 ? t('evidence.count', { n: item.evidenceCount }) : t('evidence.none')}
                    </span>
                  )}
                  {item.returnReason ? (
                    <p className="text-secondary text-small" style={{ margin: '4px 0 0' }}>
                      {t('review.previousReturn', { reason: item.returnReason })}
                    </p>
                  ) : null}
                </div>
                <ReviewActions
                  report={item}
                  subject={subject}
                  onDone={({ stale }) => {
                    if (stale) reload();
                    else setDone((prev) => new Set(prev).add(item.id));
                  }}
                />
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
