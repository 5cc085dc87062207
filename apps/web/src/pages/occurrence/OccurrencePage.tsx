import { ArrowLeftOutlined } from '@ant-design/icons';
import { todayInShanghai } from '@duban/shared/civil-date';
import { isEditable } from '@duban/shared/progress/report-workflow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Extension, OccurrenceDetailResponse, ReportResponse, SupervisionAction } from '../../api/contracts.ts';
import { fetchOccurrence } from '../../api/progress.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchActions, fetchExtensions } from '../../api/supervision.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { KIND_LABEL } from '../../components/supervision-kind.ts';
import { formatTime } from '../../components/time.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DecideExtension, ExtensionFacts, RequestExtensionForm } from './ExtensionParts.tsx';
import { OccurrenceSummaryCard } from './OccurrenceSummaryCard.tsx';
import { RecordActionForm } from './RecordActionForm.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportHistory } from './ReportHistory.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import { ActionItem } from './SupervisionPanel.tsx';

interface Loaded {
  occurrence: OccurrenceDetailResponse;
  actions: SupervisionAction[];
  extensions: Extension[];
}

async function load(id: number, signal: AbortSignal): Promise<Loaded> {
  const [occurrence, actions, extensions] = await Promise.all([
    fetchOccurrence(id, signal),
    fetchActions({ occurrenceId: id }, signal),
    fetchExtensions({ occurrenceId: id }, signal),
  ]);
  return { occurrence, actions: actions.actions, extensions: extensions.extensions };
}

/**
 * One occurrence (a task's duty of one department for one period): the department reports on it here, asks for
 * more time and answers 督办单; the office reviews, records 督办 steps and decides extensions; leaders read.
 */
export default function OccurrencePage() {
  const { id } = useParams();
  const occurrenceId = Number(id);
  const query = useQuery({
    queryKey: queryKeys.occurrence(occurrenceId),
    queryFn: ({ signal }) => load(occurrenceId, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const reload = () => void query.refetch();
  const t = useT();
  if (!data && query.isError) return <ErrorResult error={query.error} onRetry={reload} />;
  if (!data) return <PageSpinner />;
  return (
    <>
      {query.isError ? <ErrorResult error={query.error} onRetry={reload} /> : null}
      <OccurrenceView key={data.occurrence.id} data={data} reload={reload} />
      <span className="visually-hidden" aria-live="polite">
        {query.isFetching ? t('app.loading') : ''}
      </span>
    </>
  );
}

function OccurrenceView({ data, reload }: { data: Loaded; reload: () => void }) {
  const t = useT();
  const user = useUser();
  const office = isOfficeRole(user.role);
  const department = user.role === 'department';
  const { occurrence: o, actions, extensions } = data;
  const [recording, setRecording] = useState(false);
  // 督办单 still waiting for the department's reply: shown (and answered) at the top of the page.
  const openNotices = actions.filter((a) => a.kind === 'notice' && a.reply === null);
  const latestAction = [...actions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];

  const latest: ReportResponse | undefined = [...o.reports].sort((a, b) => b.id - a.id)[0];
  const closed = o.status === 'accepted' || o.status === 'done-late';
  const editableReport = latest && isEditable(latest.status) ? latest : null;
  const waiting = latest && (latest.status === 'submitted' || latest.status === 'resubmitted');
  const pendingExtension = extensions.find((e) => e.status === 'pending');
  const today = todayInShanghai();
  const canAskExtension = department && !closed && !waiting && !pendingExtension && o.dueDate >= today;
  const subject = `${t('tasks.col.no')} ${o.task.no} ${o.department?.name ?? ''} ${periodLabel(o.periodKey, t)}`;
  const back = department ? '/my-work' : `/tasks/${o.task.id}?year=${o.task.year}`;

  return (
    <>
      <div className="back-link no-print">
        <Link to={back}>
          <ArrowLeftOutlined aria-hidden /> {department ? t('occ.backToMyWork') : t('occ.backToTask')}
        </Link>
      </div>
      <PageTitle title={t('occ.title', { no: o.task.no, period: periodLabel(o.periodKey, t) })} />
      <div className="occ-layout">
        <div className="occ-main">
          {actions.length > 0 ? (
            <section className="card occ-sup-top" aria-labelledby="sup-top-title">
              <h2 id="sup-top-title" className="section-title">
                {t('occ.supTop.title')}
              </h2>
              {openNotices.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('occ.supTop.pending', { n: openNotices.length })}
                  style={{ marginBottom: 8 }}
                />
              ) : null}
              {latestAction ? (
                <p className="text-secondary text-small" style={{ margin: '0 0 8px' }}>
                  {t('occ.supTop.summary', {
                    n: actions.length,
                    kind: t(KIND_LABEL[latestAction.kind]),
                    date: formatTime(latestAction.createdAt),
                  })}
                </p>
              ) : null}
              <ol className="timeline">
                {openNotices.map((a) => (
                  <ActionItem key={a.id} action={a} canReply={department} onChanged={reload} />
                ))}
              </ol>
            </section>
          ) : null}
          <OccurrenceSummaryCard o={o} />
          {department && closed ? (
            <Alert type="success" showIcon title={t('occ.closed')} style={{ marginBottom: 12 }} />
          ) : null}
          {department && waiting ? (
            <Alert type="info" showIcon title={t('occ.waiting')} style={{ marginBottom: 12 }} />
          ) : null}
          {department && !closed && !waiting ? (
            <ReportForm
              // A returned report starts the form afresh; a draft saved from the form keeps it (and what is being typed).
              key={editableReport?.status === 'returned' ? `returned-${editableReport.id}` : 'open'}
              occurrence={o}
              report={editableReport}
              onChanged={reload}
            />
          ) : null}
          <ReportHistory
            reports={department ? o.reports.filter((r) => r.status !== 'draft') : o.reports}
            review={office ? (r) => <ReviewActions report={r} subject={subject} onDone={() => reload()} /> : undefined}
          />
        </div>
        <aside className="occ-side" aria-label={t('occ.side')}>
          <section className="card" aria-labelledby="sup-title">
            <h2 id="sup-title" className="section-title">
              {t('sup.title')}{' '}
              <span className="text-secondary text-small">{t('history.count', { n: actions.length })}</span>
            </h2>
            {actions.length === 0 ? <p className="text-secondary">{t('sup.none')}</p> : null}
            <ol className="timeline">
              {actions.map((a) => (
                <ActionItem
                  key={a.id}
                  action={a}
                  canReply={department && !openNotices.includes(a)}
                  onChanged={reload}
                />
              ))}
            </ol>
            {office && !closed ? (
              recording ? (
                <RecordActionForm
                  occurrenceId={o.id}
                  taken={actions.map((a) => a.kind)}
                  onRecorded={() => {
                    setRecording(false);
                    reload();
                  }}
                  onCancel={() => setRecording(false)}
                />
              ) : (
                <Button onClick={() => setRecording(true)}>{t('sup.recordStep')}</Button>
              )
            ) : null}
          </section>
          <section className="card" aria-labelledby="ext-title">
            <h2 id="ext-title" className="section-title">
              {t('ext.title')}
            </h2>
            {extensions.length === 0 ? <p className="text-secondary">{t('ext.none')}</p> : null}
            <ol className="timeline">
              {extensions.map((e) => (
                <li key={e.id} className="timeline-item">
                  <ExtensionFacts extension={e} />
                  {office && e.status === 'pending' ? (
                    <DecideExtension extension={e} subject={subject} onDone={reload} />
                  ) : null}
                </li>
              ))}
            </ol>
            {canAskExtension ? <RequestExtensionForm occurrenceId={o.id} dueDate={o.dueDate} onDone={reload} /> : null}
            {department && !closed && !canAskExtension && !pendingExtension && o.dueDate < today ? (
              <p className="text-secondary text-small">{t('ext.tooLate', { date: o.dueDate })}</p>
            ) : null}
          </section>
        </aside>
      </div>
    </>
  );
}
