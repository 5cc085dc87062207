import { trafficLight } from '@duban/shared/occurrence-status';
import { Tag } from 'antd';
import type { OccurrenceStatus, ReportStatus } from '../api/contracts.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

export const OCCURRENCE_STATUS_LABEL: Record<OccurrenceStatus, MessageKey> = {
  pending: 'occ.status.pending',
  'due-soon': 'occ.status.due-soon',
  submitted: 'occ.status.submitted',
  accepted: 'occ.status.accepted',
  returned: 'occ.status.returned',
  overdue: 'occ.status.overdue',
  'done-late': 'occ.status.done-late',
};

/** Tag colours: the traffic light of the bulletins (red overdue, yellow due soon / returned / late), blue waiting. */
const TAG_COLOR: Record<OccurrenceStatus, string | undefined> = {
  pending: undefined,
  'due-soon': 'warning',
  submitted: 'processing',
  accepted: 'success',
  returned: 'orange',
  overdue: 'error',
  'done-late': 'gold',
};

/** An occurrence's status: always words, the colour only repeats them. */
export function OccurrenceStatusTag({ status }: { status: OccurrenceStatus }) {
  const t = useT();
  return (
    <Tag
      color={TAG_COLOR[status]}
      data-status={status}
      data-light={trafficLight(status)}
      style={{ marginInlineEnd: 0 }}
    >
      {t(OCCURRENCE_STATUS_LABEL[status])}
    </Tag>
  );
}

export const REPORT_STATUS_LABEL: Record<ReportStatus, MessageKey> = {
  draft: 'report.status.draft',
  submitted: 'report.status.submitted',
  returned: 'report.status.returned',
  resubmitted: 'report.status.resubmitted',
  accepted: 'report.status.accepted',
};

const REPORT_COLOR: Record<ReportStatus, string | undefined> = {
  draft: undefined,
  submitted: 'processing',
  returned: 'orange',
  resubmitted: 'processing',
  accepted: 'success',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={REPORT_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(REPORT_STATUS_LABEL[status])}
    </Tag>
  );
}
