import { todayInShanghai } from '@duban/shared/civil-date';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchRollup, fetchSubmissions, type Submission, submissionFileUrl, submitPeriod } from '../../api/rollup.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RollupFilters } from './RollupFilters.tsx';
import {
  defaultPeriod,
  defaultRollupYear,
  pct,
  periodText,
  ratesOf,
  submissionColor,
  submissionStatusKey,
  unitAndBelow,
} from './rollup-model.ts';

/**
 * 上报 (直报): the office sends its unit's period report to the parent in one action — the official table and the
 * figures frozen as they are now. Every submission is kept; a returned one is sent again as the next version.
 */
export default function SubmitPage() {
  const { t, lang } = useI18n();
  const toast = useToast();
  const me = useUser();
  const today = todayInShanghai();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || defaultRollupYear(today);
  const period = params.get('period') ?? defaultPeriod(year, today);
  const rollupParams = { year, period };
  const rollupQuery = useQuery({
    queryKey: queryKeys.rollup(rollupParams),
    queryFn: ({ signal }) => fetchRollup(rollupParams, signal),
    placeholderData: keepPreviousData,
  });
  const mineQuery = useQuery({
    queryKey: queryKeys.submissions('mine', null),
    queryFn: ({ signal }) => fetchSubmissions({ side: 'mine' }, signal),
  });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const rollup = rollupQuery.data;
  const mine = mineQuery.data?.items;
  const failed = rollupQuery.isError ? rollupQuery : mineQuery.isError ? mineQuery : null;
  if (failed && (!rollup || !mine)) return <ErrorResult error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!rollup || !mine) return <PageSpinner />;
  const latest = mine.find((s) => s.period === period) ?? null;
  const blocked = latest !== null && latest.status !== 'returned';
  // What the submission freezes: the unit's own figures and those of every unit below it.
  const all = unitAndBelow(rollup.own, rollup.totals);
  const rates = ratesOf(all);
  const submit = async () => {
    setBusy(true);
    try {
      const s = await submitPeriod(period, note.trim() || undefined);
      // The submission marks 'rollup' stale: the history and the figures refetch.
      toast.success(t('rollup.submitted', { n: s.seq }));
      setNote('');
    } catch (e) {
      toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle title={t('rollup.submitTitle')} />
      <Typography.Paragraph type="secondary">{t('rollup.submitIntro')}</Typography.Paragraph>
      <RollupFilters
        year={year}
        onYear={(y) => setParams({ year: String(y) }, { replace: true })}
        period={period}
        onPeriod={(p) => setParams({ year: String(year), period: p }, { replace: true })}
      />
      <Card size="small" title={t('rollup.preview', { unit: rollup.unit.name, period: periodText(period, lang) })}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'c', label: t('rollup.col.completion'), children: pct(rates.completionRate) },
            { key: 'o', label: t('rollup.col.onTime'), children: pct(rates.onTimeRate) },
            { key: 'od', label: t('rollup.col.overdue'), children: all.tasks.overdue },
            {
              key: 'h',
              label: t('rollup.col.hazards'),
              children: `${all.hazards.found} / ${all.hazards.rectified} / ${all.hazards.closed}`,
            },
            {
              key: 's',
              label: t('rollup.col.stock'),
              children: `${all.hazards.stockClosed} / ${all.hazards.stockTotal}`,
            },
            { key: 'i', label: t('rollup.col.inspections'), children: all.inspections.inspections },
            { key: 'p', label: t('rollup.col.penalties'), children: all.inspections.penalties },
          ]}
        />
        {isOfficeRole(me.role) ? (
          <div style={{ marginTop: 12 }}>
            {blocked ? (
              <Alert
                type={latest?.status === 'accepted' ? 'success' : 'info'}
                showIcon
                title={t(latest?.status === 'accepted' ? 'rollup.alreadyAccepted' : 'rollup.awaitingReview')}
              />
            ) : (
              <>
                {latest?.status === 'returned' ? (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={t('rollup.wasReturned', { reason: latest.returnReason ?? '' })}
                  />
                ) : null}
                <label htmlFor="rollup-note">{t('rollup.note')}</label>
                <Input.TextArea id="rollup-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                <Button type="primary" style={{ marginTop: 8 }} loading={busy} onClick={submit}>
                  {t('rollup.submit')}
                </Button>
              </>
            )}
          </div>
        ) : null}
      </Card>
      <Card size="small" title={t('rollup.history')} style={{ marginTop: 12 }}>
        <Table<Submission>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('rollup.noSubmissions') }}
          dataSource={mine}
          columns={[
            { title: t('rollup.period'), key: 'p', render: (_, s) => periodText(s.period, lang) },
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
            { title: t('rollup.col.reason'), key: 'r', render: (_, s) => s.returnReason ?? '' },
            {
              title: t('rollup.col.actions'),
              key: 'a',
              render: (_, s) => (
                <a href={submissionFileUrl(s.id)} download>
                  {t('rollup.download')}
                </a>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
