import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { Department } from '../../api/contracts.ts';
import { confirmDepartment } from '../../api/departments.ts';
import { errorText } from '../../api/error-text.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useToast } from '../../components/toast.tsx';
import { registryQuery } from '../../components/use-department-registry.ts';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DepartmentEditor } from './DepartmentEditor.tsx';

/**
 * 部门库: every department with its aliases; ones the importer created from unknown names are 待确认 until the office
 * confirms them. The office edits (rename, aliases, retire) and merges departments here (DepartmentEditor).
 */
export function DepartmentsPanel({ canManage }: { canManage: boolean }) {
  const t = useT();
  const isPhone = useIsPhone();
  const message = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  // Department writes mark 'departments' stale: the panel refetches after a confirm, an edit or a merge.
  const query = useQuery(registryQuery);
  const { data } = query;
  const names = new Map((data?.departments ?? []).map((d) => [d.id, d.name]));
  const list = [...(data?.departments ?? [])].sort((a, b) => Number(a.confirmed) - Number(b.confirmed) || a.id - b.id);
  const pending = list.filter((d) => !d.confirmed).length;

  const confirm = async (d: Department) => {
    setBusy(d.id);
    try {
      await confirmDepartment(d.id);
      message.success(t('dept.confirmed', { name: d.name }));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setBusy(null);
    }
  };

  const status = (d: Department) =>
    d.retired ? (
      <Tag>{t('dept.retired')}</Tag>
    ) : d.confirmed ? (
      <Tag color="success">{t('dept.ok')}</Tag>
    ) : (
      <Tag color="warning">{t('dept.pending')}</Tag>
    );
  const action = (d: Department) =>
    canManage ? (
      <Space wrap size={4}>
        {!d.confirmed ? (
          <Button
            size="small"
            type="primary"
            loading={busy === d.id}
            onClick={() => void confirm(d)}
            aria-label={`${t('dept.confirm')}：${d.name}`}
          >
            {t('dept.confirm')}
          </Button>
        ) : null}
        <DepartmentEditor department={d} all={list} />
      </Space>
    ) : null;
  const extra = (d: Department) =>
    [
      d.aliases.length > 0 ? t('dept.aliases', { names: d.aliases.join('、') }) : '',
      d.members.length > 0 ? t('dept.members', { names: d.members.map((id) => names.get(id) ?? id).join('、') }) : '',
    ].filter(Boolean);

  const columns: TableColumnsType<Department> = [
    { key: 'name', title: t('dept.col.name'), width: 220, render: (_, d) => <strong>{d.name}</strong> },
    {
      key: 'kind',
      title: t('dept.col.kind'),
      width: 120,
      className: 'nowrap',
      render: (_, d) => t(`dept.kind.${d.kind}`),
    },
    {
      key: 'aliases',
      title: t('dept.col.aliases'),
      render: (_, d) => <span className="text-small">{extra(d).join('；') || '—'}</span>,
    },
    { key: 'status', title: t('dept.col.status'), width: 100, className: 'nowrap', render: (_, d) => status(d) },
    ...(canManage
      ? [
          {
            key: 'action',
            title: t('users.col.actions'),
            width: 180,
            className: 'nowrap',
            render: (_: unknown, d: Department) => action(d),
          },
        ]
      : []),
  ];

  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!data) return <PageSpinner />;
  return (
    <>
      <p className="text-secondary" aria-live="polite">
        {t('dept.count', { n: list.length, pending })}
      </p>
      {list.length === 0 ? <Empty /> : null}
      {isPhone ? (
        <ul className="inbox-list" aria-label={t('dept.title')}>
          {list.map((d) => (
            <li key={d.id}>
              <article className="card" data-department-id={d.id}>
                <div className="timeline-head">
                  <strong>{d.name}</strong>
                  {status(d)}
                  <span className="text-secondary text-small">{t(`dept.kind.${d.kind}`)}</span>
                </div>
                {extra(d).map((line) => (
                  <p key={line} className="text-secondary text-small" style={{ margin: '4px 0 0' }}>
                    {line}
                  </p>
                ))}
                {action(d) ? <div style={{ marginTop: 8 }}>{action(d)}</div> : null}
              </article>
            </li>
          ))}
        </ul>
      ) : list.length > 0 ? (
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={list}
          pagination={list.length > 50 ? { pageSize: 50 } : false}
          size="middle"
          rowClassName={(d) => (d.confirmed ? '' : 'row-review')}
        />
      ) : null}
    </>
  );
}
