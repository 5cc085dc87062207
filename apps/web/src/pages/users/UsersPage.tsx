import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { UserRow } from '../../api/contracts.ts';
import { fetchUsers } from '../../api/users.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { DepartmentsPanel } from './DepartmentsPanel.tsx';
import { ReportHandlerSwitch, useReportHandlers } from './ReportHandlerSwitch.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserActions } from './UserActions.tsx';
import { useDepartments } from './use-departments.ts';

type State = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; users: UserRow[] };

function StatusTag({ user }: { user: UserRow }) {
  const t = useT();
  if (user.disabled) return <Tag>{t('users.status.disabled')}</Tag>;
  if (user.lockedUntil && user.lockedUntil > new Date().toISOString())
    return <Tag color="error">{t('users.status.locked')}</Tag>;
  return <Tag color="success">{t('users.status.active')}</Tag>;
}

/** 部门与用户: the accounts of the zone; the office administrator creates accounts and resets passwords. */
export default function UsersPage() {
  const t = useT();
  const me = useUser();
  const isPhone = useIsPhone();
  const isAdmin = me.role === 'office_admin';
  const [state, setState] = useState<State>({ status: 'loading' });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const { departments } = useDepartments();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'departments' ? 'departments' : 'users';
  const handlers = useReportHandlers(isAdmin);

  const load = useCallback(() => {
    fetchUsers()
      .then((r) => setState({ status: 'ready', users: r.users }))
      .catch((error: unknown) => setState({ status: 'error', error }));
  }, []);
  useEffect(load, [load]);

  const columns: TableColumnsType<UserRow> = [
    { key: 'username', title: t('users.col.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.col.displayName'), dataIndex: 'displayName' },
    { key: 'role', title: t('users.col.role'), render: (_, u) => t(`role.${u.role}`) },
    { key: 'department', title: t('users.col.department'), render: (_, u) => u.departmentName ?? '—' },
    {
      key: 'head',
      title: t('users.col.head'),
      align: 'center',
      render: (_, u) => (u.role === 'department' ? (u.isHead ? t('common.yes') : t('common.no')) : '—'),
    },
    { key: 'status', title: t('users.col.status'), render: (_, u) => <StatusTag user={u} /> },
    ...(isAdmin
      ? [
          {
            key: 'reportHandler',
            title: t('users.col.reportHandler'),
            align: 'center' as const,
            render: (_: unknown, u: UserRow) => <ReportHandlerSwitch user={u} handlers={handlers} />,
          },
          {
            key: 'actions',
            title: t('users.col.actions'),
            render: (_: unknown, u: UserRow) => (
              <Space wrap size={4}>
                <UserActions user={u} departments={departments} onChanged={load} />
                <Button size="small" onClick={() => setResetting(u)} aria-label={`${t('users.reset')}：${u.username}`}>
                  {t('users.reset')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          isAdmin && view === 'users' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Segmented<'users' | 'departments'>
        aria-label={t('users.views')}
        value={view}
        onChange={(v) => setParams(v === 'users' ? {} : { view: v }, { replace: true })}
        options={[
          { value: 'users', label: t('users.tabUsers') },
          { value: 'departments', label: t('users.tabDepartments') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {view === 'departments' ? <DepartmentsPanel canManage /> : null}
      {view === 'users' && !isAdmin ? (
        <Alert type="info" showIcon title={t('users.onlyAdmin')} style={{ marginBottom: 12 }} />
      ) : null}
      {view === 'users' && state.status === 'loading' ? <PageSpinner /> : null}
      {view === 'users' && state.status === 'error' ? <ErrorResult error={state.error} onRetry={load} /> : null}
      {view === 'users' && state.status === 'ready' ? (
        <>
          <Typography.Paragraph type="secondary">{t('users.count', { n: state.users.length })}</Typography.Paragraph>
          {isPhone ? (
            state.users.length === 0 ? (
              <Empty />
            ) : (
              <Flex vertical gap={10}>
                {state.users.map((u) => (
                  <Card key={u.id} size="small">
                    <Flex justify="space-between" align="flex-start" gap={8}>
                      <div style={{ minWidth: 0 }}>
                        <Typography.Text strong>{u.displayName}</Typography.Text>{' '}
                        <Typography.Text type="secondary">{u.username}</Typography.Text>
                        <div>
                          {t(`role.${u.role}`)}
                          {u.departmentName ? ` · ${u.departmentName}` : ''}
                          {u.isHead ? ` · ${t('users.col.head')}` : ''}
                        </div>
                      </div>
                      <StatusTag user={u} />
                    </Flex>
                    {isAdmin ? (
                      <div style={{ marginTop: 8 }}>
                        <UserActions user={u} departments={departments} onChanged={load} />
                      </div>
                    ) : null}
                    {isAdmin ? (
                      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
                        <Button size="small" onClick={() => setResetting(u)}>
                          {t('users.reset')}
                        </Button>
                        {u.role === 'office_admin' || u.role === 'office_staff' ? (
                          <span>
                            {t('users.col.reportHandler')} <ReportHandlerSwitch user={u} handlers={handlers} />
                          </span>
                        ) : null}
                      </Flex>
                    ) : null}
                  </Card>
                ))}
              </Flex>
            )
          ) : (
            <Table<UserRow>
              rowKey="id"
              columns={columns}
              dataSource={state.users}
              pagination={state.users.length > 50 ? { pageSize: 50 } : false}
              size="middle"
            />
          )}
        </>
      ) : null}
      <CreateUserModal open={creating} departments={departments} onClose={() => setCreating(false)} onCreated={load} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
