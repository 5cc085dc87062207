import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Tag } from 'antd';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Extension, Occurrence, OccurrenceDetailResponse, SupervisionAction, Task } from '../../api/contracts.ts';
import { fetchOccurrence, fetchTaskOccurrences } from '../../api/progress.ts';
import { queryKeys } from '../../api/query.ts';
import { fetchActions, fetchExtensions } from '../../api/supervision.ts';
import { DeadlineCell } from '../../components/DeadlineCell.tsx';
import { DepartmentTags, RoleTag } from '../../components/DepartmentTags.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { OccurrenceStatusTag, ReportStatusTag } from '../../components/OccurrenceStatusTag.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { KIND_COLOR, KIND_LABEL } from '../../components/supervision-kind.ts';
import { useT } from '../../i18n/i18n.tsx';
import { HazardStockFigure } from '../hazards/HazardStockFigure.tsx';
import { EvidenceList } from '../occurrence/EvidenceList.tsx';
import { ExtensionStatusTag } from '../occurrence/ExtensionParts.tsx';
import { useTaskTable } from './use-task-table.ts';

interface Timeline {
  occurrences: Occurrence[];
  details: Map<number, OccurrenceDetailResponse>;
  actions: Map<number, SupervisionAction[]>;
  extensions: Map<number, Extension[]>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

async function loadTimeline(taskId: number, year: number, signal: AbortSignal): Promise<Timeline> {
  const [occurrences, actions, extensions] = await Promise.all([
    fetchTaskOccurrences(taskId, year, signal),
    fetchActions({}, signal),
    fetchExtensions({}, signal),
  ]);
  const ids = new Set(occurrences.map((o) => o.id));
  // Reports and their evidence only where something was reported, a few requests at a time.
  const reported = occurrences.filter((o) => o.latestReport !== null);
  const details = new Map<number, OccurrenceDetailResponse>();
  for (let i = 0; i < reported.length; i += 6) {
    const batch = await Promise.all(reported.slice(i, i + 6).map((o) => fetchOccurrence(o.id, signal)));
    for (const d of batch) details.set(d.id, d);
  }
  return {
    occurrences,
    details,
    actions: groupBy(
      actions.actions.filter((a) => ids.has(a.occurrenceId)),
      (a) => a.occurrenceId,
    ),
    extensions: groupBy(
      extensions.extensions.filter((e) => ids.has(e.occurrenceId)),
      (e) => e.occurrenceId,
    ),
  };
}

/**
 * Task detail: the row of the official table, then one timeline per department (lead first) of its occurrences
 * with their reports and evidence, 督办 records and extensions.
 */
export default function TaskDetailPage() {
  const t = useT();
  const { taskId } = useParams();
  const id = Number(taskId);
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || null;
  const { state: tableState, retry } = useTaskTable(year, undefined);
  const table = tableState.status === 'ready' ? tableState.table : null;
  const found = useMemo(() => {
    for (const category of table?.categories ?? []) {
      const task = category.tasks.find((x) => x.id === id);
      if (task) return { task, category };
    }
    return null;
  }, [table, id]);
  const listYear = table?.taskList.year ?? null;
  const timeline = useQuery({
    queryKey: queryKeys.taskTimeline(id, listYear ?? 0),
    queryFn: ({ signal }) => loadTimeline(id, listYear as number, signal),
    enabled: listYear !== null,
  });

  const backTo = `/tasks${listYear ? `?year=${listYear}` : ''}`;
  const back = (
    <div className="back-link no-print">
      <Link to={backTo}>
        <ArrowLeftOutlined aria-hidden /> {t('taskDetail.back')}
      </Link>
    </div>
  );
  if (tableState.status === 'error') return <ErrorResult error={tableState.error} onRetry={retry} />;
  if (tableState.status === 'loading') return <PageSpinner />;
  if (!found)
    return (
      <>
        {back}
        <Alert type="warning" showIcon title={t('taskDetail.notFound')} />
      </>
    );
  const { task, category } = found;
  return (
    <>
      {back}
      <PageTitle title={t('taskDetail.title', { no: task.no })} />
      <TaskFacts task={task} category={category.title} />
      <h2 className="section-title" style={{ marginTop: 20 }}>
        {t('taskDetail.timeline')}
      </h2>
      {timeline.isError ? <ErrorResult error={timeline.error} onRetry={() => void timeline.refetch()} /> : null}
      {timeline.isPending ? <PageSpinner /> : null}
      {timeline.data ? <DepartmentTimelines task={task} timeline={timeline.data} /> : null}
    </>
  );
}

function TaskFacts({ task, category }: { task: Task; category: string }) {
  const t = useT();
  return (
    <section className="card" aria-label={t('taskDetail.facts')}>
      <p className="text-secondary text-small" style={{ margin: 0 }}>
        {category}
      </p>
      <p className="pre-wrap" style={{ margin: '6px 0 10px' }}>
        {task.text}
      </p>
      <HazardStockFigure text={task.text} />
      <dl className="facts">
        <dt>{t('tasks.col.departments')}</dt>
        <dd>
          <DepartmentTags departments={task.departments} />
        </dd>
        <dt>{t('tasks.col.deadline')}</dt>
        <dd>
          <DeadlineCell task={task} />
        </dd>
      </dl>
    </section>
  );
}

function DepartmentTimelines({ task, timeline }: { task: Task; timeline: Timeline }) {
  const t = useT();
  const byDepartment = groupBy(timeline.occurrences, (o) => o.department?.id ?? 0);
  const order = ['lead', 'co', 'supervise'];
  const departments = [...byDepartment.keys()].sort((a, b) => {
    const ra = order.indexOf(byDepartment.get(a)?.[0]?.assignmentRole ?? 'co');
    const rb = order.indexOf(byDepartment.get(b)?.[0]?.assignmentRole ?? 'co');
    const pa = task.departments.findIndex((d) => d.id === a);
    const pb = task.departments.findIndex((d) => d.id === b);
    return ra - rb || pa - pb;
  });
  if (departments.length === 0)
    return <Empty description={task.ongoing ? t('taskDetail.noOccurrencesOngoing') : t('taskDetail.noOccurrences')} />;
  return (
    <div className="department-timelines">
      {departments.map((departmentId) => {
        const items = [...(byDepartment.get(departmentId) ?? [])].sort((a, b) =>
          a.originalDueDate.localeCompare(b.originalDueDate),
        );
        const first = items[0];
        const done = items.filter((o) => o.status === 'accepted' || o.status === 'done-late').length;
        return (
          <section key={departmentId} className="card" aria-labelledby={`dept-${departmentId}`}>
            <h3 id={`dept-${departmentId}`} className="department-line section-title">
              {first?.department?.name}
              {first ? <RoleTag role={first.assignmentRole} /> : null}
              <span className="text-secondary text-small">{t('taskDetail.done', { done, total: items.length })}</span>
            </h3>
            <ol className="timeline">
              {items.map((o) => (
                <OccurrenceItem
                  key={o.id}
                  o={o}
                  detail={timeline.details.get(o.id)}
                  actions={timeline.actions.get(o.id) ?? []}
                  extensions={timeline.extensions.get(o.id) ?? []}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function OccurrenceItem({
  o,
  detail,
  actions,
  extensions,
}: {
  o: Occurrence;
  detail: OccurrenceDetailResponse | undefined;
  actions: SupervisionAction[];
  extensions: Extension[];
}) {
  const t = useT();
  const reports = [...(detail?.reports ?? [])].sort((a, b) => b.id - a.id);
  return (
    <li className={`timeline-item occ-${o.status}`} data-occurrence-id={o.id}>
      <div className="timeline-head">
        <OccurrenceStatusTag status={o.status} />
        <Link to={`/occurrences/${o.id}`}>{periodLabel(o.periodKey, t)}</Link>
        <DueDate o={o} />
      </div>
      {reports.map((r) => (
        <div key={r.id} className="timeline-report">
          <span className="department-line">
            <ReportStatusTag status={r.status} />
            <span className="text-secondary text-small">{t('history.workDate', { date: r.workDate })}</span>
          </span>
          <p className="clamp-2" style={{ margin: '2px 0' }}>
            {r.text}
          </p>
          {r.returnReason ? (
            <p className="text-secondary text-small" style={{ margin: 0 }}>
              {t('history.returnReason')}
              {r.returnReason}
            </p>
          ) : null}
          {r.evidence.length > 0 ? <EvidenceList evidence={r.evidence} /> : null}
        </div>
      ))}
      {actions.length > 0 || extensions.length > 0 ? (
        <div className="tags" style={{ marginTop: 4 }}>
          {actions.map((a) => (
            <Tag key={`a${a.id}`} color={KIND_COLOR[a.kind]}>
              {t(KIND_LABEL[a.kind])} {a.createdAt.slice(0, 10)}
            </Tag>
          ))}
          {extensions.map((e) => (
            <span key={`e${e.id}`} className="department-line text-small">
              <ExtensionStatusTag status={e.status} />
              {t('ext.dates', { from: e.originalDue, to: e.requestedDue })}
            </span>
          ))}
        </div>
      ) : null}
    </li>
  );
}
