import type { Occurrence } from '../api/contracts.ts';
import { useT } from '../i18n/i18n.tsx';

/** 到期 date, and the 原定 (original) date when an extension moved it. */
export function DueDate({ o }: { o: Pick<Occurrence, 'dueDate' | 'originalDueDate' | 'extendedDue'> }) {
  const t = useT();
  const extended = o.extendedDue !== null && o.extendedDue !== o.originalDueDate;
  return (
    <span className="due-date">
      <span>{t('occ.due', { date: o.dueDate })}</span>
      {extended ? (
        <span className="text-secondary text-small"> {t('occ.originalDue', { date: o.originalDueDate })}</span>
      ) : null}
    </span>
  );
}
