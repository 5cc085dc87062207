import { StatusLight } from '../../components/StatusLight.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { STATUS_LABEL, statusLight, type TaskRow } from './task-view.ts';

export function ProgressCell({ row }: { row: Pick<TaskRow, 'task' | 'status'> }) {
  const t = useT();
  const next = row.task.nextDue;
  return (
    <StatusLight
      light={statusLight(row.status)}
      label={t(STATUS_LABEL[row.status])}
      detail={
        next ? (
          <>
            {t('status.nextDue', { date: next.due })}
            <br />
            {next.department}
          </>
        ) : null
      }
    />
  );
}
