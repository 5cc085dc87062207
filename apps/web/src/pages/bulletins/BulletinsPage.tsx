import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { createBulletin, fetchBulletins } from '../../api/reports.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FilterField } from '../../components/FilterField.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import {
  DEFAULT_PERIOD,
  type PeriodChoice,
  periodQuery,
  ReportPeriodFields,
} from '../../components/ReportPeriodFields.tsx';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { defaultYear, loadTaskLists, useYearOptions } from '../tasks/use-task-table.ts';
import { BulletinDownloads } from './BulletinDownloads.tsx';

/**
 * 通报: the list (departments see published ones only). The office drafts one for a period: the server freezes the
 * figures of the period's end and writes a first text, which the office edits on the bulletin's page.
 */
export default function BulletinsPage() {
  const t = useT();
  const user = useUser();
  const office = isOfficeRole(user.role);
  const navigate = useNavigate();
  const toast = useToast();
  const isPhone = useIsPhone();
  const years = useYearOptions();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || null;
  const [newYear, setNewYear] = useState<number | null>(null);
  const [period, setPeriod] = useState<PeriodChoice>(DEFAULT_PERIOD);
  const [creating, setCreating] = useState(false);
  const bulletinsQuery = useQuery({
    queryKey: queryKeys.bulletins(year),
    queryFn: ({ signal }) => fetchBulletins(year, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = bulletinsQuery;
  const reload = () => void bulletinsQuery.refetch();
  const query = newYear === null ? null : periodQuery(newYear, period);

  useEffect(() => {
    if (!office) return;
    let live = true;
    loadTaskLists().then(
      (lists) => {
        if (live) setNewYear((y) => y ?? defaultYear(lists));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [office]);

  const create = async () => {
    if (!query) return;
    setCreating(true);
    try {
      const bulletin = await createBulletin(query);
      toast.success(t('bulletin.created'));
      navigate(`/bulletins/${bulletin.id}`);
    } catch (e) {
      toast.error(errorText(e, t));
    } finally {
      setCreating(false);
    }
  };

  const list = data?.bulletins ?? [];
  return (
    <>
      <PageTitle title={t('bulletin.title')} />
      <section className="filter-bar" aria-label={t('filter.title')}>
        <FilterField id="bulletin-year" label={t('filter.year')}>
          <Select<number>
            id="bulletin-year"
            style={{ width: isPhone ? '100%' : 120 }}
            value={year ?? 0}
            onChange={(v) => setParams(v ? { year: String(v) } : {}, { replace: true })}
            options={[{ value: 0, label: t('common.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
        </FilterField>
      </section>
      {office ? (
        <section className="panel" aria-labelledby="bulletin-new">
          <h2 id="bulletin-new" className="section-title">
            {t('bulletin.new')}
          </h2>
          <div className="period-row">
            <FilterField id="bulletin-new-year" label={t('bulletin.year')}>
              <Select<number>
                id="bulletin-new-year"
                style={{ width: '100%' }}
                value={newYear ?? undefined}
                onChange={setNewYear}
                options={years.map((y) => ({ value: y, label: String(y) }))}
              />
            </FilterField>
            <ReportPeriodFields
              idPrefix="bulletin-period"
              year={newYear ?? years[0] ?? 2024}
              value={period}
              onChange={setPeriod}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!query}
              loading={creating}
              onClick={() => void create()}
            >
              {t('bulletin.create')}
            </Button>
          </div>
        </section>
      ) : null}
      {bulletinsQuery.isError ? <ErrorResult error={bulletinsQuery.error} onRetry={reload} /> : null}
      {!data && bulletinsQuery.isFetching ? <PageSpinner /> : null}
      {data && list.length === 0 ? (
        <Empty description={office ? t('bulletin.empty') : t('bulletin.emptyPublished')} />
      ) : null}
      <ul className="inbox-list" aria-label={t('bulletin.title')}>
        {list.map((b) => (
          <li key={b.id}>
            <div className="bulletin-item">
              <div style={{ minWidth: 0 }}>
                <Link to={`/bulletins/${b.id}`} className="bulletin-link">
                  <FileTextOutlined aria-hidden /> {b.title}
                </Link>
                <div className="text-secondary">
                  {b.periodLabel} ·{' '}
                  {b.status === 'published'
                    ? t('bulletin.publishedAt', { time: formatTime(b.publishedAt ?? b.updatedAt) })
                    : t('bulletin.updatedAt', { time: formatTime(b.updatedAt) })}
                </div>
              </div>
              <div className="bulletin-actions">
                <Tag color={b.status === 'published' ? 'green' : 'default'}>{t(`bulletin.status.${b.status}`)}</Tag>
                <BulletinDownloads id={b.id} />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
