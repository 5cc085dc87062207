import { Tag } from 'antd';
import type { Task } from '../api/contracts.ts';
import { useT } from '../i18n/i18n.tsx';

type DeadlineFacts = Pick<Task, 'deadline' | 'deadlineOverride' | 'deadlineNeedsReview' | 'ongoing'>;

/** 完成时限 as written, the office's correction when there is one, and a 待确认 tag while it needs review. */
export function DeadlineCell({ task }: { task: DeadlineFacts }) {
  const t = useT();
  const tags = task.deadlineNeedsReview || task.deadlineOverride || task.ongoing;
  return (
    <div className="stack-4">
      <span>{task.deadlineOverride ?? task.deadline}</span>
      {task.deadlineOverride ? (
        <span className="text-secondary" style={{ fontSize: 12 }}>
          {t('deadline.original', { text: task.deadline })}
        </span>
      ) : null}
      {tags ? (
        <span className="tags">
          {task.deadlineNeedsReview ? <Tag color="warning">{t('deadline.needsReview')}</Tag> : null}
          {task.deadlineOverride ? <Tag color="success">{t('deadline.overridden')}</Tag> : null}
          {task.ongoing ? <Tag>{t('deadline.ongoing')}</Tag> : null}
        </span>
      ) : null}
    </div>
  );
}
