import { todayInShanghai } from '@duban/shared/civil-date';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import {
  fetchRollup,
  fetchSubmissions,
  type RollupRow,
  reviewSubmission,
  type Submission,
  submissionFileUrl,
} from '../../api/rollup.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RollupFilters } from './RollupFilters.tsx';
import { RollupKpis } from './RollupKpis.tsx';
import {
  defaultPeriod,
  defaultRollupYear,
  pct,
  periodText,
  rateCells,
  submissionColor,
  submissionStatusKey,
} from './rollup-model.ts';

const RollupCharts = lazy(() => import('../../charts/RollupCharts.tsx'));

/**
 * 下级单位 (city and province offices, leaders): each child unit's task completion and on-time rates, overdue,
 * hazards, inspections and penalties side by side, who has submitted the period's 直报, and drill-down (a child
 * with units below it rolls up one level further; its dashboard opens read-only). The office reviews the
 * submissions here.
 */
export default function RollupPage() {
  const { t, lang } = useI18n();
  const me = useUser();
  const today = todayInShanghai();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || defaultRollupYear(today);
  const period = params.get('period') ?? defaultPeriod(year, today);
  const unitId = Number(params.get('unit')) || undefined;
  const rollupParams = { year, period, unitId };
  const rollupQuery = useQuery({
    queryKey: queryKeys.rollup(rollupParams),
    queryFn: ({ signal }) => fetchRollup(rollupParams, signal),
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: false },
    );

  const data = rollupQuery.data;
  if (rollupQuery.isError && !data)
    return <ErrorResult error={rollupQuery.error} onRetry={() => void rollupQuery.refetch()} />;
  if (!data) return <PageSpinner />;
  // The account's own unit is the first of its units (auth/me); any other is a drill-down, read-only.
  const drilled = unitId !== undefined && unitId !== me.units?.[0]?.id;
  const cells = (r: RollupRow) => rateCells(r.rates);
  const query = `year=${year}&period=${period}`;

  return (
    <>
      <PageTitle title={t('rollup.title')} />
      <Typography.Paragraph type="secondary">
        {t('rollup.intro', { unit: data.unit.name, period: periodText(period, lang), asOf: data.asOf })}
      </Typography.Paragraph>
      {drilled ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('rollup.drilled', { unit: data.unit.name })}
          action={<Link to={`/rollup?${query}`}>{t('rollup.backToMine')}</Link>}
        />
      ) : null}
      <RollupFilters
        year={year}
        onYear={(y) => set({ year: String(y), period: null })}
        period={period}
        onPeriod={(p) => set({ period: p })}
      />
      {data.rows.length === 0 ? (
        <Alert type="info" showIcon title={t('rollup.noChildren')} />
      ) : (
        <>
          <RollupKpis
            label={t('rollup.tableTitle')}
            items={[
              { label: t('rollup.kpi.units'), value: data.rows.length },
              { label: t('rollup.kpi.submitted'), value: `${data.submitted} / ${data.rows.length}`, tone: 'green' },
              { label: t('rollup.kpi.notSubmitted'), value: data.notSubmitted, tone: 'red' },
              { label: t('rollup.col.completion'), value: pct(data.totalsRates.completionRate) },
              { label: t('rollup.col.overdue'), value: data.totals.tasks.overdue, tone: 'red' },
              { label: t('rollup.col.rectification'), value: pct(data.totalsRates.rectificationRate), tone: 'green' },
            ]}
          />
          <Card size="small" title={t('rollup.tableTitle')} style={{ marginTop: 12 }}>
            <Table<RollupRow>
              rowKey={(r) => r.unit.id}
              size="small"
              pagination={false}
              scroll={{ x: 1200 }}
              dataSource={data.rows}
              columns={[
                {
                  title: t('rollup.col.unit'),
                  key: 'unit',
                  fixed: 'left',
                  width: 150,
                  render: (_, r) =>
                    r.hasChildren ? (
                      <Link to={`/rollup?${query}&unit=${r.unit.id}`}>{r.unit.name}</Link>
                    ) : (
                      <Link to={`/rollup/units/${r.unit.id}?year=${year}`}>{r.unit.name}</Link>
                    ),
                },
                { title: t('rollup.col.completion'), key: 'c', render: (_, r) => cells(r).completion },
                { title: t('rollup.col.onTime'), key: 'o', render: (_, r) => cells(r).onTime },
                { title: t('rollup.col.overdue'), key: 'od', render: (_, r) => r.figures.tasks.overdue },
                {
                  title: t('rollup.col.hazards'),
                  key: 'h',
                  render: (_, r) =>
                    `${r.figures.hazards.found} / ${r.figures.hazards.rectified} / ${r.figures.hazards.closed}`,
                },
                { title: t('rollup.col.rectification'), key: 'hr', render: (_, r) => cells(r).rectification },
                {
                  title: t('rollup.col.listed'),
                  key: 'l',
                  render: (_, r) => `${r.figures.hazards.listedClosed} / ${r.figures.hazards.listedFound}`,
                },
                {
                  title: t('rollup.col.stock'),
                  key: 's',
                  render: (_, r) => `${r.figures.hazards.stockClosed} / ${r.figures.hazards.stockTotal}`,
                },
                { title: t('rollup.col.inspections'), key: 'i', render: (_, r) => r.figures.inspections.inspections },
                { title: t('rollup.col.penalties'), key: 'p', render: (_, r) => r.figures.inspections.penalties },
                {
                  title: t('rollup.col.submission'),
                  key: 'sub',
                  render: (_, r) => (
                    <Tag color={submissionColor(r.submission?.status ?? null)}>
                      {t(submissionStatusKey(r.submission?.status ?? null))}
                    </Tag>
                  ),
                },
                {
                  title: t('rollup.col.actions'),
                  key: 'a',
                  render: (_, r) => (
                    <Link to={`/rollup/units/${r.unit.id}?year=${year}`}>{t('rollup.openDashboard')}</Link>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('rollup.legend')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('rollup.chartTitle')} style={{ marginTop: 12 }}>
            <Suspense fallback={<PageSpinner />}>
              <RollupCharts rows={data.rows} />
            </Suspense>
          </Card>
        </>
      )}
      {!drilled ? <SubmissionReview period={period} canReview={isOfficeRole(me.role)} /> : null}
    </>
  );
}

/** 直报审核: what the child units sent for the period (every version), with accept / return for the office. */
function SubmissionReview({ period, canReview }: { period: string; canReview: boolean }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const query = useQuery({
    queryKey: queryKeys.submissions('children', period),
    queryFn: ({ signal }) => fetchSubmissions({ side: 'children', period }, signal),
    placeholderData: keepPreviousData,
  });
  const [returning, setReturning] = useState<Submission | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (s: Submission, decision: 'accept' | 'return') => {
    setBusy(true);
    try {
      await reviewSubmission(
        s.id,
        decision === 'accept' ? { decision, version: s.version } : { decision, version: s.version, reason },
      );
      toast.success(t(decision === 'accept' ? 'rollup.accepted' : 'rollup.returned'));
      // A review marks 'rollup' stale: this list and the table's 直报 column refetch.
      setReturning(null);
      setReason('');
    } catch (e) {
      toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const items = query.data?.items ?? [];
  return (
    <Card size="small" title={t('rollup.reviewTitle', { period: periodText(period, lang) })} style={{ marginTop: 12 }}>
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<Submission>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 860 }}
        loading={query.isFetching}
        locale={{ emptyText: t('rollup.noSubmissions') }}
        dataSource={items}
        columns={[
          { title: t('rollup.col.unit'), key: 'u', render: (_, s) => s.unit.name },
          { title: t('rollup.col.seq'), key: 'seq', render: (_, s) => t('rollup.seq', { n: s.seq }) },
          {
            title: t('rollup.col.status'),
            key: 'st',
            render: (_, s) => <Tag color={submissionColor(s.status)}>{t(submissionStatusKey(s.status))}</Tag>,
          },
          {
            title: t('rollup.col.submittedAt'),
            key: 'at',
            render: (_, s) => formatTime(s.submittedAt),
          },
          { title: t('rollup.col.completion'), key: 'c', render: (_, s) => pct(s.rates.completionRate) },
          { title: t('rollup.col.reason'), key: 'r', render: (_, s) => s.returnReason ?? s.note ?? '' },
          {
            title: t('rollup.col.actions'),
            key: 'a',
            render: (_, s) => (
              <Space wrap>
                <a href={submissionFileUrl(s.id)} download>
                  {t('rollup.download')}
                </a>
                {canReview && s.status === 'submitted' ? (
                  <>
                    <Button size="small" type="primary" loading={busy} onClick={() => act(s, 'accept')}>
                      {t('rollup.accept')}
                    </Button>
                    <Button size="small" danger onClick={() => setReturning(s)}>
                      {t('rollup.return')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={returning !== null}
        title={t('rollup.returnTitle', { unit: returning?.unit.name ?? '' })}
        okText={t('rollup.return')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: busy }}
        cancelText={t('common.cancel')}
        onOk={() => returning && act(returning, 'return')}
        onCancel={() => setReturning(null)}
      >
        <label htmlFor="rollup-return-reason">{t('rollup.col.reason')}</label>
        <Input.TextArea id="rollup-return-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
