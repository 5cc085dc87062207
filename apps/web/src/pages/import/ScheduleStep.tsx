import { Alert, Button, Flex, Input, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ImportPreviewResponse, PreviewTask } from '../../api/contracts.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';

const SHOWN_DATES = 6;

interface Props {
  preview: ImportPreviewResponse;
  overrides: Record<string, string>;
  loading: boolean;
  /** Sets (text) or removes (null) the correction of one task and re-runs the preview. */
  onOverride: (seq: number, text: string | null) => void;
}

/** Step 4: every deadline with the dates read from it; a correction re-runs the preview and shows the new dates. */
export function ScheduleStep({ preview, overrides, loading, onOverride }: Props) {
  const t = useT();
  const isPhone = useIsPhone();
  const [onlyReview, setOnlyReview] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busySeq, setBusySeq] = useState<number | null>(null);
  const override = (seq: number, text: string | null) => {
    setBusySeq(seq);
    onOverride(seq, text);
  };
  const pending = preview.tasks.filter((task) => task.schedule.needsReview).length;
  const tasks = onlyReview
    ? preview.tasks.filter((task) => task.schedule.needsReview || overrides[String(task.seq)] !== undefined)
    : preview.tasks;

  const columns: TableColumnsType<PreviewTask> = [
    { key: 'no', title: t('tasks.col.no'), width: 56, align: 'center', render: (_, task) => String(task.no) },
    {
      key: 'text',
      title: t('tasks.col.text'),
      width: 260,
      render: (_, task) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: task.text }} style={{ margin: 0 }}>
          {task.text}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'deadline',
      title: t('tasks.col.deadline'),
      width: 200,
      render: (_, task) => <DeadlineText task={task} />,
    },
    { key: 'dates', title: t('import.col.dates'), render: (_, task) => <ScheduleDates task={task} /> },
    {
      key: 'correct',
      title: t('import.col.correct'),
      width: 270,
      render: (_, task) => (
        <CorrectionField
          task={task}
          applied={overrides[String(task.seq)]}
          draft={drafts[String(task.seq)]}
          loading={loading && busySeq === task.seq}
          onDraft={(text) => setDrafts((d) => ({ ...d, [String(task.seq)]: text }))}
          onOverride={override}
        />
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('import.schedule.intro')} />
      {pending > 0 ? (
        <Alert type="warning" showIcon title={t('import.schedule.pending', { n: pending })} />
      ) : (
        <Alert type="success" showIcon title={t('import.schedule.allClear')} />
      )}
      <Flex align="center" gap={8}>
        <Switch id="only-review" checked={onlyReview} onChange={setOnlyReview} size="small" />
        <label htmlFor="only-review">{t('import.schedule.onlyReview')}</label>
      </Flex>
      {isPhone ? (
        <div className="task-cards">
          {tasks.map((task) => (
            <article
              key={task.seq}
              className={`card task-card${task.schedule.needsReview ? ' card-review' : ''}`}
              data-seq={task.seq}
            >
              <div>
                <strong>
                  {t('tasks.col.no')} {String(task.no)}
                </strong>
                <div className="text-small">{task.text}</div>
              </div>
              <div className="stack-4">
                <span className="text-secondary text-small">{t('tasks.col.deadline')}</span>
                <DeadlineText task={task} />
              </div>
              <div className="stack-4">
                <span className="text-secondary text-small">{t('import.col.dates')}</span>
                <ScheduleDates task={task} />
              </div>
              <CorrectionField
                task={task}
                applied={overrides[String(task.seq)]}
                draft={drafts[String(task.seq)]}
                loading={loading && busySeq === task.seq}
                onDraft={(text) => setDrafts((d) => ({ ...d, [String(task.seq)]: text }))}
                onOverride={override}
              />
            </article>
          ))}
        </div>
      ) : (
        <Table<PreviewTask>
          rowKey="seq"
          columns={columns}
          dataSource={tasks}
          size="small"
          bordered
          scroll={{ x: 1000 }}
          pagination={tasks.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          rowClassName={(task) => (task.schedule.needsReview ? 'row-review' : '')}
          rowHoverable={false}
        />
      )}
    </Flex>
  );
}

function DeadlineText({ task }: { task: PreviewTask }) {
  const t = useT();
  return (
    <Flex vertical gap={4} align="flex-start">
      <span>{task.deadline}</span>
      {task.deadlineOverride ? (
        <Typography.Text type="success" style={{ fontSize: 13 }}>
          {t('import.schedule.corrected', { text: task.deadlineOverride })}
        </Typography.Text>
      ) : null}
      {task.schedule.readWithDoubt ? (
        <Tag color="gold">{t('import.schedule.doubt')}</Tag>
      ) : task.schedule.needsReview ? (
        <Tag color="warning">{t('deadline.needsReview')}</Tag>
      ) : null}
    </Flex>
  );
}

interface CorrectionProps {
  task: PreviewTask;
  applied: string | undefined;
  draft: string | undefined;
  loading: boolean;
  onDraft: (text: string) => void;
  onOverride: (seq: number, text: string | null) => void;
}

/** The corrected 完成时限 phrase of one task: typed, then re-read by the server (重新解析), or undone. */
function CorrectionField({ task, applied, draft: typed, loading, onDraft, onOverride }: CorrectionProps) {
  const t = useT();
  // A deadline read with doubt comes pre-filled with the dates read: one click confirms them.
  const suggested = applied === undefined ? (task.schedule.suggestedDeadline ?? undefined) : undefined;
  const draft = typed ?? applied ?? suggested ?? '';
  const inputId = `deadline-fix-${task.seq}`;
  return (
    <Flex vertical gap={6}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('import.schedule.correct', { no: String(task.no) })}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id={inputId}
          value={draft}
          maxLength={200}
          placeholder={t('import.schedule.correctPlaceholder')}
          onChange={(e) => onDraft(e.target.value)}
          onPressEnter={() => draft.trim() && onOverride(task.seq, draft.trim())}
        />
        <Button
          type={task.schedule.needsReview ? 'primary' : 'default'}
          disabled={!draft.trim() || draft.trim() === applied}
          loading={loading}
          onClick={() => onOverride(task.seq, draft.trim())}
        >
          {t('import.schedule.apply')}
        </Button>
      </Space.Compact>
      {suggested !== undefined && typed === undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('import.schedule.prefilled')}
        </Typography.Text>
      ) : null}
      {applied !== undefined ? (
        <Button
          size="small"
          type="link"
          style={{ alignSelf: 'flex-start', padding: 0 }}
          onClick={() => {
            onDraft('');
            onOverride(task.seq, null);
          }}
        >
          {t('import.schedule.undo')}
        </Button>
      ) : null}
    </Flex>
  );
}

function ScheduleDates({ task }: { task: PreviewTask }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const { occurrences, ongoing, relative, unparsed } = task.schedule;
  const shown = all ? occurrences : occurrences.slice(0, SHOWN_DATES);
  return (
    <Flex vertical gap={4}>
      {occurrences.length > 0 ? (
        <Flex gap={4} wrap>
          {shown.map((o) => (
            <Tag key={`${o.start}-${o.due}-${o.condition ?? ''}`} color="blue" style={{ marginInlineEnd: 0 }}>
              {o.due}
              {o.minCount > 1 ? ` ×${o.minCount}` : ''}
              {o.condition ? `（${o.condition}）` : ''}
            </Tag>
          ))}
          {occurrences.length > SHOWN_DATES ? (
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAll((v) => !v)}>
              {all ? t('import.schedule.fewer') : t('import.schedule.more', { n: occurrences.length })}
            </Button>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('import.schedule.noDates')}</Typography.Text>
      )}
      {ongoing ? <Tag style={{ alignSelf: 'flex-start' }}>{t('import.schedule.ongoing')}</Tag> : null}
      {relative.map((r) => (
        <Typography.Text key={r} type="secondary" style={{ fontSize: 13 }}>
          {t('import.schedule.relative', { text: r })}
        </Typography.Text>
      ))}
      {unparsed.length > 0 ? (
        <Typography.Text type="warning" style={{ fontSize: 13 }}>
          {t(task.schedule.readWithDoubt ? 'import.schedule.doubtWords' : 'import.schedule.unparsed', {
            text: unparsed.join('；'),
          })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
