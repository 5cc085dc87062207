import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ImportPreviewResponse } from '../../api/contracts.ts';
import { RoleTag } from '../../components/DepartmentTags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ImportDiffPanel, YearAndWarnings } from './ImportDiffPanel.tsx';
import { type PreviewRow, previewRows } from './import-model.ts';
import { ExistingAlert, PreviewSummaryCards } from './PreviewSummary.tsx';

/** Step 2: every row of the file, unreadable ones in red with their row number and the server's message. */
export function PreviewStep({ preview }: { preview: ImportPreviewResponse }) {
  const t = useT();
  const rows = previewRows(preview);
  const columns: TableColumnsType<PreviewRow> = [
    { key: 'row', title: t('import.col.row'), width: 64, align: 'center', render: (_, r) => r.row },
    {
      key: 'category',
      title: t('tasks.col.category'),
      width: 170,
      render: (_, r) => (r.kind === 'task' ? r.task.category : null),
    },
    {
      key: 'no',
      title: t('tasks.col.no'),
      width: 56,
      align: 'center',
      render: (_, r) => (r.kind === 'task' ? String(r.task.no) : null),
    },
    {
      key: 'text',
      title: t('tasks.col.text'),
      render: (_, r) =>
        r.kind === 'task' ? (
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ margin: 0 }}>
            {r.task.text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="danger" strong>
            {r.problem.message}
          </Typography.Text>
        ),
      onCell: (r) => (r.kind === 'problem' ? { colSpan: 3 } : {}),
    },
    {
      key: 'departments',
      title: t('tasks.col.departments'),
      width: 200,
      onCell: (r) => (r.kind === 'problem' ? { colSpan: 0 } : {}),
      render: (_, r) =>
        r.kind === 'task' ? (
          <Flex vertical gap={4}>
            {r.task.departments.map((d) => (
              <Flex key={`${d.name}-${d.role}`} gap={4} align="center" wrap>
                <span>{d.name}</span>
                <RoleTag role={d.role} />
                {d.departmentId === null ? <Tag color="error">{t('import.summary.unknown')}</Tag> : null}
              </Flex>
            ))}
          </Flex>
        ) : null,
    },
    {
      key: 'deadline',
      title: t('tasks.col.deadline'),
      width: 160,
      onCell: (r) => (r.kind === 'problem' ? { colSpan: 0 } : {}),
      render: (_, r) =>
        r.kind === 'task' ? (
          <Flex vertical gap={4} align="flex-start">
            <span>{r.task.deadlineOverride ?? r.task.deadline}</span>
            {r.task.schedule.readWithDoubt ? (
              <Tag color="gold">{t('import.schedule.doubt')}</Tag>
            ) : r.task.schedule.needsReview ? (
              <Tag color="warning">{t('deadline.needsReview')}</Tag>
            ) : null}
          </Flex>
        ) : null,
    },
    {
      key: 'result',
      title: t('import.col.status'),
      width: 104,
      render: (_, r) =>
        r.kind === 'task' ? (
          <Typography.Text type="success">
            <CheckCircleFilled aria-hidden /> {t('import.rowOk')}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleFilled aria-hidden /> {t('import.rowProblem')}
          </Typography.Text>
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <PreviewSummaryCards preview={preview} />
      <YearAndWarnings preview={preview} />
      <ExistingAlert preview={preview} />
      <ImportDiffPanel preview={preview} />
      {preview.problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('import.problemsAlert', { n: preview.problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.problems.map((p) => (
                <li key={`${p.row}-${p.message}`}>
                  {t('import.col.row')} {p.row}：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Table<PreviewRow>
        className="task-table"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        size="small"
        bordered
        scroll={{ x: 900 }}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        rowClassName={(r) => (r.kind === 'problem' ? 'row-problem' : '')}
        rowHoverable={false}
      />
    </Flex>
  );
}
