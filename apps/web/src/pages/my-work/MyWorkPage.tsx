import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { InboxResponse, Occurrence, OccurrenceStatus } from '../../api/contracts.ts';
import { useUser } from '../../app/auth.tsx';
import { RoleTag } from '../../components/DepartmentTags.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import {
  OCCURRENCE_STATUS_LABEL,
  OccurrenceStatusTag,
  ReportStatusTag,
} from '../../components/OccurrenceStatusTag.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useYearOptions } from '../tasks/use-task-table.ts';
import { INBOX_STATUSES } from './inbox-view.ts';
import { useInboxPages } from './use-inbox.ts';

const PAGE = 30;

/**
 * 我的工作: the department's occurrences from /api/inbox, overdue first then by due date, each with its status in
 * words and colour; a card opens the occurrence to report on it.
 */
export default function MyWorkPage() {
  const t = useT();
  const years = useYearOptions();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || null;
  const statusParam = params.get('status');
  const status = INBOX_STATUSES.includes(statusParam as OccurrenceStatus) ? (statusParam as OccurrenceStatus) : null;

  const { query, data, more } = useInboxPages({ year, status }, PAGE);
  const reload = () => void query.refetch();

  const setParam = (key: string, value: string | number | null | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );
  };

  const items: Occurrence[] = data?.items ?? [];
  const user = useUser();
  const registry = useDepartmentRegistry();
  const department = registry.departments.find((d) => d.id === user.departmentId)?.name ?? items[0]?.department?.name;

  return (
    <>
      <PageTitle
        title={t('mywork.title')}
        extra={
          <Link to="/returned" className="page-title-link">
            <CloudUploadOutlined aria-hidden /> {t('mywork.returned')}
          </Link>
        }
      />
      <section className="filter-bar" aria-label={t('filter.title')}>
        <FilterField id="mywork-year" label={t('filter.year')}>
          <Select<number | 0>
            id="mywork-year"
            style={{ width: isPhone ? '100%' : 120 }}
            value={year ?? 0}
            onChange={(v) => setParam('year', v || null)}
            options={[{ value: 0, label: t('common.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
        </FilterField>
        <FilterField id="mywork-status" label={t('filter.status')}>
          <Select<OccurrenceStatus>
            id="mywork-status"
            style={{ width: isPhone ? '100%' : 140 }}
            allowClear
            placeholder={t('common.all')}
            value={status ?? undefined}
            onChange={(v) => setParam('status', v ?? null)}
            options={INBOX_STATUSES.map((s) => ({ value: s, label: t(OCCURRENCE_STATUS_LABEL[s]) }))}
          />
        </FilterField>
        <p className="text-secondary filter-wide" style={{ margin: 0, alignSelf: 'center' }}>
          {department ? `${t('mywork.department', { name: department })} · ` : ''}
          {t('mywork.intro')}
        </p>
      </section>

      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      {query.isFetching && !data ? <PageSpinner /> : null}
      {data ? <InboxSummary data={data} /> : null}
      {data && items.length === 0 ? <Empty description={t('mywork.empty')} /> : null}
      <ul className="inbox-list" aria-label={t('mywork.listLabel')}>
        {items.map((o) => (
          <InboxCard key={o.id} o={o} />
        ))}
      </ul>
      {data && items.length < data.total ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={query.isFetchingNextPage} onClick={more}>
            {t('common.more', { n: data.total - items.length })}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function InboxSummary({ data }: { data: InboxResponse }) {
  const t = useT();
  return (
    <p className="text-secondary" style={{ margin: '0 0 8px' }} aria-live="polite">
      {t('mywork.count', { n: data.total, today: data.today })}
    </p>
  );
}

function InboxCard({ o }: { o: Occurrence }) {
  const t = useT();
  const action =
    o.latestReport === null
      ? t('mywork.action.report')
      : o.latestReport.status === 'returned'
        ? t('mywork.action.fix')
        : o.latestReport.status === 'draft'
          ? t('mywork.action.continue')
          : t('mywork.action.view');
  return (
    <li>
      <article className={`card inbox-card inbox-${o.status}`} data-occurrence-id={o.id}>
        <div className="inbox-card-head">
          <OccurrenceStatusTag status={o.status} />
          <RoleTag role={o.assignmentRole} />
          {o.latestReport?.status === 'returned' && o.status !== 'returned' ? (
            <Tag color="gold" className="inbox-badge" style={{ marginInlineEnd: 0 }}>
              {t('badge.returned')}
            </Tag>
          ) : null}
          {o.openNotices > 0 ? (
            <Tag color="red" className="inbox-badge" style={{ marginInlineEnd: 0 }}>
              {t('badge.noticePending')}
            </Tag>
          ) : null}
          <span className="text-secondary text-small">
            {periodLabel(o.periodKey, t)}
            {o.task.category ? ` · ${o.task.category.title}` : ''}
          </span>
        </div>
        <Link to={`/occurrences/${o.id}`} className="inbox-card-title clamp-2">
          <strong>
            {t('tasks.col.no')} {o.task.no}
          </strong>{' '}
          {o.task.text}
        </Link>
        <div className="inbox-card-foot">
          <DueDate o={o} />
          {o.latestReport ? (
            <span className="department-line">
              <span className="text-secondary text-small">{t('mywork.latestReport')}</span>
              <ReportStatusTag status={o.latestReport.status} />
            </span>
          ) : null}
          <Link to={`/occurrences/${o.id}`} className="inbox-card-action" aria-hidden tabIndex={-1}>
            {action} ›
          </Link>
        </div>
      </article>
    </li>
  );
}
