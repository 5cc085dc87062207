import { addDays } from '@duban/shared/civil-date';
import { DUE_SOON_DAYS, type OccurrenceStatus, occurrenceStatus } from '@duban/shared/occurrence-status';
import { shorten } from '../notifications/message-templates.ts';
import type { FeedOccurrenceRow } from './calendar-feeds.repository.ts';
import type { IcsEvent } from './ics-writer.ts';
import { seriesRule } from './rrule-series.ts';

/**
 * Occurrences → calendar events. The occurrences of one assignment under one recurring rule become ONE event with
 * an RRULE when the rule maps cleanly (rrule-series.ts) and none of them was extended; otherwise each occurrence
 * is its own all-day event on its effective due date, with its status. UIDs are stable across fetches.
 */
const STATUS_LABEL: Record<OccurrenceStatus, string> = {
  pending: '未到期',
  'due-soon': '即将到期',
  submitted: '已报送，待审核',
  accepted: '已办结',
  returned: '已退回，待重新报送',
  overdue: '已逾期',
  'done-late': '逾期办结',
};

const CADENCE_LABEL: Record<string, string> = {
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  halfyearly: '每半年',
  yearly: '每年',
  ongoing: '长期坚持（按报送周期）',
};

export function feedEvents(rows: readonly FeedOccurrenceRow[], today: string): IcsEvent[] {
  const groups = new Map<string, FeedOccurrenceRow[]>();
  for (const r of rows) {
    const key = `${r.assignment_id}:${r.rule_id}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const events: IcsEvent[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const recurring = first.rule_kind !== 'once' && group.length >= 2 && group.every((r) => r.extended_due === null);
    const dates = group.map((r) => r.due_date).sort();
    const rrule = recurring && new Set(dates).size === dates.length ? seriesRule(dates) : null;
    if (rrule && dates[0]) {
      events.push({
        uid: `series-${first.assignment_id}-${first.rule_id}@duban`,
        date: dates[0],
        rrule,
        summary: summaryOf(first),
        description: [
          `任务：序号${first.task_no} ${first.task_text}`,
          `责任部门：${first.department_name}`,
          `完成时限：${first.deadline_text}`,
          `周期：${CADENCE_LABEL[first.rule_kind] ?? first.rule_kind}，${dates[0]} 至 ${dates.at(-1)} 共 ${dates.length} 次`,
          ...(first.condition ? [`适用：${first.condition}`] : []),
          ...(first.category_title ? [`分类：${first.category_title}`] : []),
        ].join('\n'),
        categories: [first.department_name],
      });
      continue;
    }
    for (const r of group) events.push(singleEvent(r, today));
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

function summaryOf(r: FeedOccurrenceRow): string {
  return `序号${r.task_no}：${shorten(r.task_text, 50)}`;
}

function singleEvent(r: FeedOccurrenceRow, today: string): IcsEvent {
  const due = r.extended_due ?? r.due_date;
  const status = occurrenceStatus(
    {
      reportState: r.report_state,
      dueDate: r.due_date,
      extendedDue: r.extended_due,
      acceptedOn: r.accepted_at,
    },
    today,
    addDays(today, DUE_SOON_DAYS),
  );
  return {
    uid: `occ-${r.id}@duban`,
    date: due,
    summary: summaryOf(r),
    description: [
      `任务：序号${r.task_no} ${r.task_text}`,
      `责任部门：${r.department_name}`,
      `完成时限：${r.deadline_text}`,
      `截止日期：${due}${r.extended_due ? `（已延期，原 ${r.due_date}）` : ''}`,
      `状态：${STATUS_LABEL[status]}`,
      ...(r.min_count > 1 ? [`至少：${r.min_count} 次`] : []),
      ...(r.condition ? [`适用：${r.condition}`] : []),
      ...(r.category_title ? [`分类：${r.category_title}`] : []),
    ].join('\n'),
    categories: [r.department_name],
  };
}
