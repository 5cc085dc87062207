import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Space, Table } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchHazardStats, type HazardStatsResponse, hazardStatsExportUrl } from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const HazardCharts = lazy(() => import('../../charts/HazardCharts.tsx'));
const YEARS = [2026, 2025, 2024, 2023];
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);

/** The KPI row shared by the statistics page and the leader dashboard's hazards section. */
export function HazardKpis({ s }: { s: HazardStatsResponse }) {
  const { t } = useI18n();
  const kpi = (label: string, value: string, hint: string, to?: string, tone?: string) => (
    <li className={`kpi ${tone ?? ''}`}>
      <span className="kpi-label">{label}</span>
      {to ? (
        <Link to={to} className="kpi-value">
          {value}
        </Link>
      ) : (
        <span className="kpi-value">{value}</span>
      )}
      <span className="kpi-hint">{hint}</span>
    </li>
  );
  return (
    <ul className="kpis" aria-label={t('hz.statsTitle')}>
      {kpi(t('hz.kpiTotal'), String(s.total), `${s.year}`, `/hazards?year=${s.year}`)}
      {kpi(t('hz.kpiMajor'), String(s.major), t('hz.kpiTotal'))}
      {kpi(t('hz.kpiRate'), pct(s.closed, s.total), `${t('hz.kpiClosed')} ${s.closed}`, undefined, 'kpi-green')}
      {kpi(t('hz.kpiOverdue'), String(s.overdue), t('hz.timeLimit'), undefined, 'kpi-red')}
      {kpi(
        t('hz.kpiStock'),
        pct(s.stockMajor2023.closed, s.stockMajor2023.total),
        `${t('hz.kpiMajor')} ${s.stockMajor2023.closed}/${s.stockMajor2023.total} · ${s.stock2023.closed}/${s.stock2023.total}`,
      )}
    </ul>
  );
}

/** 隐患统计: KPIs, the official found/rectified split, charts, tables by industry and locality, .xlsx export. */
export default function HazardStatsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || 2024;
  const query = useQuery({
    queryKey: queryKeys.hazardStats(year),
    queryFn: ({ signal }) => fetchHazardStats(year, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  return (
    <div>
      <PageTitle
        title={t('hz.statsTitle')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('hz.year')}
              value={year}
              style={{ width: 110 }}
              options={YEARS.map((y) => ({ value: y, label: String(y) }))}
              onChange={(v) => setParams({ year: String(v) }, { replace: true })}
            />
            <a href={hazardStatsExportUrl(year)} download>
              {t('hz.export')}
            </a>
          </Space>
        }
      />
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data ? (
        <PageSpinner />
      ) : (
        <>
          <HazardKpis s={data} />
          <section className="card" style={{ marginBottom: 12 }}>
            <h2 className="section-title">{t('hz.official')}</h2>
            <Table
              size="small"
              pagination={false}
              rowKey="k"
              dataSource={[
                { k: t('hz.deptInspection'), ...data.official.departmentInspection },
                { k: t('hz.selfCheck'), ...data.official.selfCheck },
                { k: t('hz.listed'), ...data.official.listed },
              ]}
              columns={[
                { title: t('hz.channel'), dataIndex: 'k' },
                { title: t('hz.found'), dataIndex: 'found' },
                { title: t('hz.rectified'), dataIndex: 'rectified' },
                { title: t('hz.kpiRate'), key: 'r', render: (_v, r) => pct(r.rectified, r.found) },
              ]}
            />
          </section>
          <Suspense fallback={<PageSpinner />}>
            <HazardCharts s={data} />
          </Suspense>
          <section className="card" style={{ marginTop: 12 }}>
            <h2 className="section-title">{t('hz.byIndustry')}</h2>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={data.byIndustry}
              columns={[
                { title: t('hz.byIndustry'), dataIndex: 'label' },
                { title: t('hz.found'), dataIndex: 'total' },
                { title: t('hz.kpiClosed'), dataIndex: 'closed' },
                { title: t('hz.kpiRate'), key: 'r', render: (_v, r) => pct(r.closed, r.total) },
              ]}
            />
          </section>
          <section className="card" style={{ marginTop: 12 }} data-section="by-org-unit">
            <h2 className="section-title">{t('hz.byOrgUnit')}</h2>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={data.byOrgUnit}
              columns={[
                { title: t('hz.orgUnit'), dataIndex: 'label' },
                { title: t('hz.found'), dataIndex: 'total' },
                { title: t('hz.kpiClosed'), dataIndex: 'closed' },
                { title: t('hz.kpiRate'), key: 'r', render: (_v, r) => pct(r.closed, r.total) },
              ]}
            />
          </section>
        </>
      )}
    </div>
  );
}
