import type { OccurrenceDetailResponse } from '../../api/contracts.ts';
import { RoleTag } from '../../components/DepartmentTags.tsx';
import { OccurrenceStatusTag } from '../../components/OccurrenceStatusTag.tsx';
import { periodLabel } from '../../components/period.ts';
import { useT } from '../../i18n/i18n.tsx';

/** What the duty is: the task, the department and its role, the period and the dates. */
export function OccurrenceSummaryCard({ o }: { o: OccurrenceDetailResponse }) {
  const t = useT();
  return (
    <section className="card occ-summary" aria-label={t('occ.summary')}>
      <div className="timeline-head">
        <OccurrenceStatusTag status={o.status} />
        {o.task.category ? <span className="text-secondary text-small">{o.task.category.title}</span> : null}
      </div>
      <p className="pre-wrap" style={{ margin: '8px 0' }}>
        {o.task.text}
      </p>
      <dl className="facts">
        <dt>{t('occ.department')}</dt>
        <dd>
          <span className="department-line">
            {o.department?.name ?? '—'} <RoleTag role={o.assignmentRole} />
          </span>
        </dd>
        <dt>{t('occ.period')}</dt>
        <dd>
          {periodLabel(o.periodKey, t)}
          {o.minCount > 1 ? ` · ${t('occ.minCount', { n: o.minCount })}` : ''}
          {o.condition ? ` · ${o.condition}` : ''}
        </dd>
        <dt>{t('occ.dueLabel')}</dt>
        <dd>
          {o.dueDate}
          {o.extendedDue !== null && o.extendedDue !== o.originalDueDate ? (
            <span className="text-secondary text-small"> {t('occ.originalDue', { date: o.originalDueDate })}</span>
          ) : null}
        </dd>
        <dt>{t('occ.deadlineText')}</dt>
        <dd>{o.deadlineText}</dd>
      </dl>
    </section>
  );
}
