import { isAwaitingReview } from '@duban/shared/progress/report-workflow';
import type { ReactNode } from 'react';
import type { ReportResponse } from '../../api/contracts.ts';
import { ReportStatusTag } from '../../components/OccurrenceStatusTag.tsx';
import { formatTime } from '../../components/time.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EvidenceList } from './EvidenceList.tsx';

interface Props {
  reports: readonly ReportResponse[];
  /** The office's review buttons for a report waiting for review. */
  review?: (report: ReportResponse) => ReactNode;
}

/** Every report of the occurrence, newest first: what was reported, when, with which evidence, who reviewed it. */
export function ReportHistory({ reports, review }: Props) {
  const t = useT();
  const sorted = [...reports].sort((a, b) => b.id - a.id);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        {t('history.title')}{' '}
        <span className="text-secondary text-small">{t('history.count', { n: reports.length })}</span>
      </h2>
      {sorted.length === 0 ? <p className="text-secondary">{t('history.none')}</p> : null}
      <ol className="timeline">
        {sorted.map((r) => (
          <li key={r.id} className={`timeline-item report-${r.status}`} data-report-id={r.id}>
            <div className="timeline-head">
              <ReportStatusTag status={r.status} />
              <span className="text-small">{t('history.workDate', { date: r.workDate })}</span>
              {r.submittedAt ? (
                <span className="text-secondary text-small">
                  {t('history.submittedAt', { at: formatTime(r.submittedAt) })}
                </span>
              ) : null}
            </div>
            <p className="pre-wrap report-text">{r.text}</p>
            <EvidenceList evidence={r.evidence} />
            {r.reviewedAt ? (
              <p className="text-secondary text-small review-line">
                {r.status === 'accepted'
                  ? t('history.acceptedBy', { who: r.reviewedBy?.name ?? '', at: formatTime(r.reviewedAt) })
                  : t('history.reviewedBy', { who: r.reviewedBy?.name ?? '', at: formatTime(r.reviewedAt) })}
              </p>
            ) : null}
            {r.returnReason ? (
              <p className="return-note">
                <strong>{t('history.returnReason')}</strong>
                <span className="pre-wrap">{r.returnReason}</span>
              </p>
            ) : null}
            {review && isAwaitingReview(r.status) ? <div style={{ marginTop: 8 }}>{review(r)}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
