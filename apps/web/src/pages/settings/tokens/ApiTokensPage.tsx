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
import { useCallback, useEffect, useState } from 'react';
import {
  type ApiTokenRow,
  type CreateApiTokenResponse,
  createApiToken,
  fetchApiTokens,
  revokeApiToken,
} from '../../../api/api-tokens.ts';
import type { UserRole } from '../../../api/contracts.ts';
import { errorText } from '../../../api/error-text.ts';
import { useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useToast } from '../../../components/toast.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { useDepartments } from '../../users/use-departments.ts';

const ROLES: readonly UserRole[] = ['office_staff', 'leader', 'department', 'office_admin'];
const DAYS = [30, 90, 180, 365] as const;

type State = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; tokens: ApiTokenRow[] };

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
  const message = useToast();
  const { departments } = useDepartments();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(CreateApiTokenResponse & { name: string }) | null>(null);
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);

  const load = useCallback(() => {
    fetchApiTokens()
      .then((r) => setState({ status: 'ready', tokens: r.tokens }))
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, []);
  useEffect(load, [load]);

  if (me.role !== 'office_admin') return <Alert type="info" showIcon title={t('tokens.onlyAdmin')} />;

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await createApiToken({
        name: v.name.trim(),
        role: v.role,
        departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
        expiresInDays: v.expiresInDays,
      });
      setCreated({ ...r, name: v.name.trim() });
      setCreating(false);
      form.resetFields();
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (row: ApiTokenRow) => {
    try {
      await revokeApiToken(row.id);
      message.success(t('tokens.revoked', { name: row.name }));
      load();
    } catch (e) {
      message.error(errorText(e, t));
    }
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
            onConfirm={() => void revoke(r)}
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
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
      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={load} /> : null}
      {state.status === 'ready' ? (
        <Table<ApiTokenRow>
          rowKey="id"
          columns={columns}
          dataSource={state.tokens}
          pagination={state.tokens.length > 50 ? { pageSize: 50 } : false}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t('tokens.empty') }}
        />
      ) : null}
      <Modal
        open={creating}
        title={t('tokens.create')}
        okText={t('tokens.createOk')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => {
          setCreating(false);
          setError(null);
        }}
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
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Modal>
    </>
  );
}
