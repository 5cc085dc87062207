import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DeadlineCell } from '../../components/DeadlineCell.tsx';
import { DepartmentTags } from '../../components/DepartmentTags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ProgressCell } from './ProgressCell.tsx';
import type { TaskRow } from './task-view.ts';

/** Phone width: one card per task under its category heading. */
export function TaskCards({ rows, year, loading }: { rows: TaskRow[]; year: number; loading: boolean }) {
  const t = useT();
  if (rows.length === 0) return <p className="card empty-cell">{t('tasks.empty')}</p>;
  return (
    <div className="task-cards">
      {rows.map((row) => (
        <div key={row.key}>
          {row.categorySpan > 0 ? <h2 className="card-group-title">{row.category.title}</h2> : null}
          <article
            className="card task-card"
            data-task-id={row.task.id}
            aria-label={`${t('tasks.col.no')} ${row.task.no}`}
          >
            <div>
              <Link to={`/tasks/${row.task.id}?year=${year}`} className="task-link">
                <strong>
                  {t('tasks.col.no')} {row.task.no}
                </strong>
                <div className="pre-wrap" style={{ marginTop: 4 }}>
                  {row.task.text}
                </div>
              </Link>
            </div>
            <CardField label={t('tasks.col.departments')}>
              <DepartmentTags departments={row.task.departments} />
            </CardField>
            <CardField label={t('tasks.col.deadline')}>
              <DeadlineCell task={row.task} />
            </CardField>
            <CardField label={t('tasks.col.progress')}>
              <ProgressCell row={row} loading={loading} />
            </CardField>
          </article>
        </div>
      ))}
    </div>
  );
}

function CardField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="card-field">
      <span className="text-secondary text-small card-field-label">{label}</span>
      <div className="card-field-value">{children}</div>
    </div>
  );
}
