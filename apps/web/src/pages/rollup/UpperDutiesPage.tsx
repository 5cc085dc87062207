import { todayInShanghai } from '@duban/shared/civil-date';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { queryClient, queryKeys } from '../../api/query.ts';
import { fetchUpperDuties, fetchZoneDraft, fileZoneReport, linkUpperTask, type UpperDuty } from '../../api/rollup.ts';
import { fetchTaskTable } from '../../api/tasklists.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { RollupFilters } from './RollupFilters.tsx';
import { defaultRollupYear } from './rollup-model.ts';

type Dialog = { kind: 'link'; duty: UpperDuty } | { kind: 'report'; duty: UpperDuty } | null;

const STATE_COLOR: Record<string, string> = {
  accepted: 'green',
  submitted: 'blue',
  resubmitted: 'blue',
  returned: 'orange',
  draft: 'default',
};

/**
 * 上级任务 (a zone's office): the duties of the parent's list assigned to the zone, distributed to the zone's own
 * tasks, and the zone's report on each, pre-filled from its departments' accepted progress, sent upward.
 */
export default function UpperDutiesPage() {
  const t = useT();
  const toast = useToast();
  const me = useUser();
  const office = isOfficeRole(me.role);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || defaultRollupYear(todayInShanghai());
  const query = useQuery({
    queryKey: queryKeys.upperDuties(year),
    queryFn: ({ signal }) => fetchUpperDuties(year, signal),
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const [ownTask, setOwnTask] = useState<number | null>(null);
  const [ownTasks, setOwnTasks] = useState<{ value: number; label: string }[]>([]);
  const [busy, setBusy] = useState(false);

  const openLink = async (duty: UpperDuty) => {
    setDialog({ kind: 'link', duty });
    setOwnTask(null);
    try {
      // The task table page's cache entry (the list as of today).
      const table = await queryClient.fetchQuery({
        queryKey: queryKeys.taskTable(year, null),
        queryFn: ({ signal }) => fetchTaskTable(year, undefined, signal),
      });
      setOwnTasks(
        table.categories.flatMap((c) => c.tasks.map((task) => ({ value: task.id, label: `${task.no} ${task.text}` }))),
      );
    } catch (e) {
      toast.error(errorText(e, t));
    }
  };
  const openReport = async (duty: UpperDuty) => {
    try {
      const draft = await fetchZoneDraft(duty.occurrenceId);
      setText(draft.text);
      setDialog({ kind: 'report', duty });
    } catch (e) {
      toast.error(errorText(e, t));
    }
  };
  const run = async (write: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await write();
      // The writes mark 'rollup' stale: the duties refetch.
      toast.success(done);
      setDialog(null);
    } catch (e) {
      toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const data = query.data;
  if (query.isError && !data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!data) return <PageSpinner />;
  return (
    <>
      <PageTitle title={t('rollup.upperTitle')} />
      <RollupFilters year={year} onYear={(y) => setParams({ year: String(y) }, { replace: true })} />
      {data.upperUnit === null ? (
        <Alert type="info" showIcon title={t('rollup.noUpper')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('rollup.upperIntro', { unit: data.upperUnit.name, n: data.items.length })}
          </Typography.Paragraph>
          <Table<UpperDuty>
            rowKey="occurrenceId"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            dataSource={data.items}
            columns={[
              { title: t('rollup.col.no'), dataIndex: 'taskNo', width: 60 },
              { title: t('rollup.col.task'), dataIndex: 'taskText' },
              { title: t('rollup.col.due'), dataIndex: 'dueDate', width: 110 },
              {
                title: t('rollup.col.status'),
                key: 'st',
                width: 110,
                render: (_, d) => {
                  const status = d.report?.status ?? null;
                  return status === null ? (
                    <Tag>{t('rollup.duty.none')}</Tag>
                  ) : (
                    <Tag color={STATE_COLOR[status] ?? 'default'}>{t(`rollup.duty.${status as 'draft'}`)}</Tag>
                  );
                },
              },
              {
                title: t('rollup.col.linked'),
                key: 'l',
                render: (_, d) =>
                  d.linkedTasks.length === 0 ? '—' : d.linkedTasks.map((k) => <Tag key={k.id}>{k.no}</Tag>),
              },
              {
                title: t('rollup.col.actions'),
                key: 'a',
                width: 170,
                render: (_, d) =>
                  office ? (
                    <Space wrap>
                      <Button size="small" onClick={() => openLink(d)}>
                        {t('rollup.distribute')}
                      </Button>
                      {d.report?.status !== 'accepted' &&
                      d.report?.status !== 'submitted' &&
                      d.report?.status !== 'resubmitted' ? (
                        <Button size="small" type="primary" onClick={() => openReport(d)}>
                          {t('rollup.reportUp')}
                        </Button>
                      ) : null}
                    </Space>
                  ) : null,
              },
            ]}
            expandable={{
              rowExpandable: (d) => Boolean(d.report?.returnReason),
              expandedRowRender: (d) => `${t('rollup.col.reason')}：${d.report?.returnReason ?? ''}`,
            }}
          />
        </>
      )}
      <Modal
        open={dialog?.kind === 'link'}
        title={t('rollup.distributeTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: ownTask === null, loading: busy }}
        onCancel={() => setDialog(null)}
        onOk={() =>
          dialog && ownTask !== null && run(() => linkUpperTask(dialog.duty.taskId, ownTask), t('rollup.distributed'))
        }
      >
        <Typography.Paragraph>{dialog?.duty.taskText}</Typography.Paragraph>
        <label htmlFor="rollup-own-task">{t('rollup.ownTask')}</label>
        <Select<number>
          id="rollup-own-task"
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          value={ownTask ?? undefined}
          onChange={setOwnTask}
          options={ownTasks}
        />
      </Modal>
      <Modal
        open={dialog?.kind === 'report'}
        title={t('rollup.reportTitle')}
        okText={t('rollup.reportUp')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: text.trim() === '', loading: busy }}
        onCancel={() => setDialog(null)}
        onOk={() =>
          dialog && run(() => fileZoneReport(dialog.duty.occurrenceId, text, todayInShanghai()), t('rollup.reported'))
        }
      >
        <Typography.Paragraph type="secondary">{t('rollup.reportHint')}</Typography.Paragraph>
        <label htmlFor="rollup-report-text">{t('rollup.reportText')}</label>
        <Input.TextArea id="rollup-report-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
    </>
  );
}
