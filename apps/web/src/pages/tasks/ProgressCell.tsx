import { trafficLight } from '@duban/shared/occurrence-status';
import type { OccurrenceStatus } from '../../api/contracts.ts';
import { OCCURRENCE_STATUS_LABEL } from '../../components/OccurrenceStatusTag.tsx';
import { StatusLight } from '../../components/StatusLight.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { TaskRow } from './task-view.ts';

/** The order counts are listed in: what needs attention first. */
const COUNT_ORDER: readonly OccurrenceStatus[] = [
  'overdue',
  'returned',
  'submitted',
  'due-soon',
  'done-late',
  'accepted',
  'pending',
];

export function ProgressCell({ row, loading }: { row: Pick<TaskRow, 'task' | 'progress'>; loading?: boolean }) {
  const t = useT();
  const next = row.task.nextDue;
  const status = row.progress?.status ?? null;
  const counts = row.progress?.counts ?? {};
  const shown = COUNT_ORDER.filter((s) => (counts[s] ?? 0) > 0).slice(0, 3);
  const summary =
    shown.length > 0
      ? shown.map((s, i) => (
          <span key={s} className="nowrap">
            {i > 0 ? ' · ' : ''}
            {t(OCCURRENCE_STATUS_LABEL[s])} {counts[s]}
          </span>
        ))
      : null;
  return (
    <StatusLight
      light={status ? trafficLight(status) : 'grey'}
      label={status ? t(OCCURRENCE_STATUS_LABEL[status]) : loading ? t('app.loading') : t('status.noDue')}
      detail={
        summary || next ? (
          <>
            {summary ? <span className="progress-counts">{summary}</span> : null}
            {summary && next ? <br /> : null}
            {next ? (
              <>
                {t('status.nextDue', { date: next.due })}
                <br />
                {next.department}
              </>
            ) : null}
          </>
        ) : null
      }
    />
  );
}
