import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, type TableColumnsType, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReturnedCreated, ReturnedProblem, ReturnedSheetResponse } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { uploadReturnedSheet } from '../../api/reports.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { periodLabel } from '../../components/period.ts';
import { useT } from '../../i18n/i18n.tsx';

type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done';

/**
 * 回填导入: an exported .xlsx with 工作进展 filled in. 预检 (a dry run) lists what would be filed and every row that
 * would not (with the server's Chinese message naming the row); 确认导入 files the reports for review.
 */
export default function ReturnedSheetPage() {
  const t = useT();
  const user = useUser();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [result, setResult] = useState<ReturnedSheetResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setPhase(dryRun ? 'checking' : 'importing');
    setError(null);
    try {
      setResult(await uploadReturnedSheet(file, dryRun));
      setPhase(dryRun ? 'checked' : 'done');
    } catch (e) {
      setError(e);
      setPhase(result ? (dryRun ? 'idle' : 'checked') : 'idle');
    }
  };

  const choose = (f: File | null) => {
    setFile(f);
    setResult(null);
    setError(null);
    setPhase('idle');
  };

  const createdColumns: TableColumnsType<ReturnedCreated> = [
    { title: t('returned.col.row'), dataIndex: 'row', width: 72 },
    { title: t('tasks.col.no'), dataIndex: 'no', width: 72 },
    { title: t('returned.col.department'), dataIndex: 'department' },
    { title: t('returned.col.period'), dataIndex: 'periodKey', render: (key: string) => periodLabel(key, t) },
    { title: t('returned.col.due'), dataIndex: 'dueDate', width: 120 },
    {
      title: t('returned.col.text'),
      dataIndex: 'text',
      render: (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>,
    },
    {
      title: t('returned.col.action'),
      dataIndex: 'action',
      render: (action: ReturnedCreated['action']) => (
        <Tag color={action === 'created' ? 'blue' : 'gold'}>{t(`returned.action.${action}`)}</Tag>
      ),
    },
  ];
  type KeyedProblem = ReturnedProblem & { key: number };
  const problemColumns: TableColumnsType<KeyedProblem> = [
    { title: t('returned.col.row'), dataIndex: 'row', width: 72 },
    { title: t('tasks.col.no'), dataIndex: 'no', width: 72, render: (no: string | null) => no ?? '—' },
    { title: t('returned.col.message'), dataIndex: 'message' },
  ];
  const busy = phase === 'checking' || phase === 'importing';
  const done = phase === 'done' && result !== null;

  return (
    <>
      <PageTitle title={t('returned.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Alert
          type="info"
          showIcon
          title={t('returned.intro')}
          description={
            <span>
              {t('returned.introMore')} <Link to="/tasks">{t('returned.toTasks')}</Link>
            </span>
          }
        />
        <div>
          <span className="field-label" id="returned-file-label">
            {t('returned.file')}
          </span>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            maxCount={1}
            disabled={busy}
            fileList={file ? [{ uid: 'file', name: file.name, size: file.size, type: file.type, status: 'done' }] : []}
            beforeUpload={(f) => {
              choose(f);
              return false;
            }}
            onRemove={() => {
              choose(null);
              return true;
            }}
            style={{ marginTop: 8 }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('returned.drag')}</p>
            <p className="ant-upload-hint">{t('returned.hint')}</p>
          </Upload.Dragger>
        </div>
        <Flex gap={8} wrap>
          <Button
            type={phase === 'idle' ? 'primary' : 'default'}
            disabled={!file || done}
            loading={phase === 'checking'}
            onClick={() => void run(true)}
          >
            {t('returned.check')}
          </Button>
          <Button
            type="primary"
            disabled={phase !== 'checked' || !result || result.created.length === 0}
            loading={phase === 'importing'}
            onClick={() => void run(false)}
          >
            {t('returned.commit')}
          </Button>
        </Flex>
        {error ? (
          <Alert type="error" showIcon role="alert" title={t('returned.failed')} description={errorText(error, t)} />
        ) : null}
        {result ? (
          <>
            <Alert
              type={done ? 'success' : result.problems.length > 0 ? 'warning' : 'info'}
              showIcon
              icon={done ? <CheckCircleOutlined /> : undefined}
              role="status"
              title={
                done
                  ? t('returned.doneTitle', { n: result.created.length, period: result.periodLabel })
                  : t('returned.checkTitle', { period: result.periodLabel })
              }
              description={
                <span>
                  {t(done ? 'returned.summaryDone' : 'returned.summary', {
                    created: result.created.length,
                    problems: result.problems.length,
                    unchanged: result.unchanged,
                  })}
                  {done ? (
                    <>
                      {' '}
                      <Link to={isOfficeRole(user.role) ? '/review' : '/my-work'}>
                        {isOfficeRole(user.role) ? t('returned.toReview') : t('returned.toMyWork')}
                      </Link>
                    </>
                  ) : null}
                </span>
              }
            />
            <section aria-labelledby="returned-created">
              <h2 id="returned-created" className="section-title">
                {done
                  ? t('returned.createdDone', { n: result.created.length })
                  : t('returned.created', { n: result.created.length })}
              </h2>
              <Table<ReturnedCreated>
                size="small"
                rowKey={(r) => `${r.row}-${r.occurrenceId}`}
                columns={createdColumns}
                dataSource={result.created}
                pagination={false}
                scroll={{ x: 640 }}
                locale={{ emptyText: t('returned.noneCreated') }}
              />
            </section>
            <section aria-labelledby="returned-problems">
              <h2 id="returned-problems" className="section-title">
                {t('returned.problems', { n: result.problems.length })}
              </h2>
              <Table<KeyedProblem>
                size="small"
                columns={problemColumns}
                dataSource={result.problems.map((p, key) => ({ ...p, key }))}
                pagination={false}
                scroll={{ x: 520 }}
                locale={{ emptyText: t('returned.noProblems') }}
              />
            </section>
          </>
        ) : null}
      </Flex>
    </>
  );
}
