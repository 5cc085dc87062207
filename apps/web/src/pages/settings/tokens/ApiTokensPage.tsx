import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ApiTokenRow, createApiToken, fetchApiTokens, revokeApiToken } from '../../../api/api-tokens.ts';
import type { UserRole } from '../../../api/contracts.ts';
import { errorText } from '../../../api/error-text.ts';
import { queryKeys } from '../../../api/query.ts';
import { useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { useDepartments } from '../../users/use-departments.ts';
import { useIssuedSecrets } from '../use-issued-secrets.ts';

const ROLES: readonly UserRole[] = ['office_staff', 'leader', 'department', 'office_admin'];
const DAYS = [30, 90, 180, 365] as const;

interface Values {
  name: string;
  role: UserRole;
  departmentId?: number;
  expiresInDays: number;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

/**
 * API 令牌 (settings): machine clients (a big screen, another government system) get a token of their own with a
 * role, a department and an expiry — never the identity of the administrator who created it. Shown once, revocable.
 */
export default function ApiTokensPage() {
  const t = useT();
  const me = useUser();
  const { departments } = useDepartments();
  const tokens = useIssuedSecrets({
    queryKey: queryKeys.apiTokens(),
    list: (signal) => fetchApiTokens(signal).then((r) => r.tokens),
    enabled: me.role === 'office_admin',
    // The name goes along to the show-once notice.
    create: async (v: Values) => {
      const name = v.name.trim();
      const answer = await createApiToken({
        name,
        role: v.role,
        departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
        expiresInDays: v.expiresInDays,
      });
      return { ...answer, name };
    },
    revoke: (row: ApiTokenRow) => revokeApiToken(row.id),
    errorText: (e) => errorText(e, t),
    revokedText: (row) => t('tokens.revoked', { name: row.name }),
  });
  const { rows, dialog, created } = tokens;
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);

  if (me.role !== 'office_admin') return <Alert type="info" showIcon title={t('tokens.onlyAdmin')} />;

  const submit = async () => {
    await tokens.create(await form.validateFields());
    form.resetFields();
  };

  const columns: TableColumnsType<ApiTokenRow> = [
    { key: 'name', title: t('tokens.col.name'), dataIndex: 'name' },
    { key: 'role', title: t('tokens.col.role'), render: (_, r) => t(`role.${r.role}`) },
    { key: 'department', title: t('tokens.col.department'), render: (_, r) => r.departmentName ?? '—' },
    { key: 'createdBy', title: t('tokens.col.createdBy'), render: (_, r) => r.createdBy ?? '—' },
    { key: 'createdAt', title: t('tokens.col.createdAt'), render: (_, r) => day(r.createdAt) },
    { key: 'expiresAt', title: t('tokens.col.expiresAt'), render: (_, r) => day(r.expiresAt) },
    { key: 'lastUsedAt', title: t('tokens.col.lastUsedAt'), render: (_, r) => day(r.lastUsedAt) },
    {
      key: 'status',
      title: t('tokens.col.status'),
      render: (_, r) => (
        <Tag color={r.status === 'active' ? 'success' : r.status === 'expired' ? 'warning' : 'default'}>
          {t(`tokens.status.${r.status}`)}
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: t('tokens.col.actions'),
      render: (_, r) =>
        r.status === 'revoked' ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: r.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            onConfirm={() => tokens.revoke(r)}
          >
            <Button size="small" danger aria-label={`${t('tokens.revoke')}：${r.name}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('tokens.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.show}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: tokens.dismiss }}
          style={{ marginBottom: 12 }}
          title={t('tokens.createdTitle', { name: created.name, date: day(created.expiresAt) })}
          description={
            <>
              <Typography.Paragraph copyable={{ text: created.token }} code style={{ wordBreak: 'break-all' }}>
                {created.token}
              </Typography.Paragraph>
              {t('tokens.createdHint')}
            </>
          }
        />
      ) : null}
      {rows.isPending ? <PageSpinner /> : null}
      {rows.isError ? <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} /> : null}
      {rows.data ? (
        <Table<ApiTokenRow>
          rowKey="id"
          columns={columns}
          dataSource={rows.data}
          pagination={rows.data.length > 50 ? { pageSize: 50 } : false}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t('tokens.empty') }}
        />
      ) : null}
      <Modal
        open={dialog.open}
        title={t('tokens.create')}
        okText={t('tokens.createOk')}
        cancelText={t('common.cancel')}
        confirmLoading={dialog.saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={dialog.hide}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ role: 'leader', expiresInDays: 90 }}>
          <Form.Item
            name="name"
            label={t('tokens.col.name')}
            extra={t('tokens.nameHint')}
            rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t('tokens.col.role')} extra={t('tokens.roleHint')} rules={[{ required: true }]}>
            <Select<UserRole> options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          {role === 'department' ? (
            <Form.Item
              name="departmentId"
              label={t('tokens.col.department')}
              rules={[{ required: true, message: t('tokens.departmentRequired') }]}
            >
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="expiresInDays" label={t('tokens.expiry')}>
            <Select<number> options={DAYS.map((d) => ({ value: d, label: t('tokens.days', { n: d }) }))} />
          </Form.Item>
        </Form>
        {dialog.error ? <Alert type="error" showIcon title={dialog.error} /> : null}
      </Modal>
    </>
  );
}
