import { PlusOutlined } from '@ant-design/icons';
import { CHANNEL_KINDS } from '@duban/shared/contracts/notifications';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  type ChannelRow,
  createChannel,
  deleteChannel,
  fetchChannels,
  testChannel,
  updateChannel,
} from '../../../api/settings.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useToast } from '../../../components/toast.tsx';
import { useDepartmentRegistry } from '../../../components/use-department-registry.ts';
import { useIsPhone } from '../../../components/use-media-query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { useDepartments } from '../../users/use-departments.ts';
import { settingsErrorText as errorText } from '../settings-error.ts';

type Kind = (typeof CHANNEL_KINDS)[number];
type State = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; channels: ChannelRow[] };

interface Values {
  kind: Kind;
  name: string;
  departmentId: number | 0;
  target: string;
  secret?: string;
  enabled: boolean;
  digest: boolean;
}

/**
 * 通知渠道 (settings): the robots and addresses reminders and 督办 messages go out through — the unit's own (安委办)
 * or a department's. The target is shown masked; a secret is write-only (empty on edit keeps it). 发送测试消息
 * sends one message now and says whether it went out. On a phone the list is one card per channel.
 */
export default function NotificationChannelsPage() {
  const t = useT();
  const me = useUser();
  const message = useToast();
  const { departments } = useDepartments();
  // Names of every department, retired ones included (a channel may still belong to one).
  const { departments: registry } = useDepartmentRegistry();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [editing, setEditing] = useState<ChannelRow | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();
  const phone = useIsPhone();

  const load = useCallback(() => {
    fetchChannels()
      .then((r) => setState({ status: 'ready', channels: r.channels }))
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, []);
  useEffect(load, [load]);

  if (!isOfficeRole(me.role)) return <Alert type="info" showIcon title={t('settings.onlyOffice')} />;

  const departmentName = (id: number | null) =>
    id === null ? t('channels.office') : (registry.find((d) => d.id === id)?.name ?? `#${id}`);

  const open = (row: ChannelRow | 'new') => {
    setError(null);
    setEditing(row);
    form.setFieldsValue(
      row === 'new'
        ? { kind: 'dingtalk', name: '', departmentId: 0, target: '', secret: '', enabled: true, digest: true }
        : {
            kind: row.kind,
            name: row.name,
            departmentId: row.departmentId ?? 0,
            target: row.target,
            secret: '',
            enabled: row.enabled,
            digest: row.digest,
          },
    );
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const secret = v.secret?.trim() ? v.secret.trim() : undefined;
      if (editing === 'new') {
        await createChannel({
          kind: v.kind,
          name: v.name.trim(),
          departmentId: v.departmentId === 0 ? null : v.departmentId,
          target: v.target.trim(),
          secret: secret ?? null,
          enabled: v.enabled,
          digest: v.digest,
          quietHours: null,
        });
      } else if (editing) {
        await updateChannel(editing.id, {
          name: v.name.trim(),
          // The listed target is masked: send it only when the clerk typed a new one.
          ...(v.target.trim() !== editing.target ? { target: v.target.trim() } : {}),
          ...(secret ? { secret } : {}),
          enabled: v.enabled,
          digest: v.digest,
          version: editing.version,
        });
      }
      message.success(t('channels.saved'));
      setEditing(null);
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (row: ChannelRow) => {
    try {
      await deleteChannel(row.id, row.version);
      message.success(t('channels.deleted', { name: row.name }));
      load();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const sendTest = async (row: ChannelRow) => {
    setTesting(row.id);
    try {
      const r = await testChannel(row.id);
      if (r.status === 'sent') message.success(t('channels.testSent', { name: row.name }));
      else message.error(t('channels.testFailed', { name: row.name, error: r.error ?? '' }));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setTesting(null);
    }
  };

  const actions = (r: ChannelRow) => (
    <Space wrap>
      <Button
        size="small"
        loading={testing === r.id}
        onClick={() => void sendTest(r)}
        aria-label={`${t('channels.test')}：${r.name}`}
      >
        {t('channels.test')}
      </Button>
      <Button size="small" onClick={() => open(r)} aria-label={`${t('settings.edit')}：${r.name}`}>
        {t('settings.edit')}
      </Button>
      <Popconfirm
        title={t('channels.deleteConfirm', { name: r.name })}
        okText={t('channels.delete')}
        cancelText={t('common.cancel')}
        onConfirm={() => void remove(r)}
      >
        <Button size="small" danger aria-label={`${t('channels.delete')}：${r.name}`}>
          {t('channels.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );

  const statusTag = (r: ChannelRow) => (
    <Tag color={r.enabled ? 'success' : 'default'}>{r.enabled ? t('channels.enabled') : t('channels.disabled')}</Tag>
  );

  const columns: TableColumnsType<ChannelRow> = [
    { key: 'name', title: t('channels.col.name'), dataIndex: 'name' },
    { key: 'kind', title: t('channels.col.kind'), render: (_, r) => t(`channels.kind.${r.kind}`) },
    { key: 'department', title: t('channels.col.department'), render: (_, r) => departmentName(r.departmentId) },
    {
      key: 'target',
      title: t('channels.col.target'),
      render: (_, r) => <span style={{ wordBreak: 'break-all' }}>{r.target}</span>,
    },
    { key: 'enabled', title: t('channels.col.enabled'), render: (_, r) => statusTag(r) },
    { key: 'actions', title: t('channels.col.actions'), render: (_, r) => actions(r) },
  ];

  return (
    <>
      <PageTitle
        title={t('channels.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('channels.create')}
          </Button>
        }
      />
      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={load} /> : null}
      {state.status === 'ready' && phone ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="channel-cards">
          {state.channels.length === 0 ? <Alert type="info" title={t('channels.empty')} /> : null}
          {state.channels.map((r) => (
            <Card key={r.id} size="small" title={r.name} extra={statusTag(r)}>
              <div>
                {t(`channels.kind.${r.kind}`)} · {departmentName(r.departmentId)}
              </div>
              <div style={{ wordBreak: 'break-all', color: 'rgba(0,0,0,0.55)', margin: '4px 0 8px' }}>{r.target}</div>
              {actions(r)}
            </Card>
          ))}
        </Space>
      ) : null}
      {state.status === 'ready' && !phone ? (
        <Table<ChannelRow>
          rowKey="id"
          columns={columns}
          dataSource={state.channels}
          pagination={false}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t('channels.empty') }}
        />
      ) : null}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('channels.create') : t('channels.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form<Values> form={form} layout="vertical">
          <Form.Item name="kind" label={t('channels.col.kind')}>
            <Select<Kind>
              disabled={editing !== 'new'}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('channels.col.name')}
            rules={[{ required: true, whitespace: true, message: t('channels.nameRequired') }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('channels.col.department')}>
            <Select<number>
              disabled={editing !== 'new'}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: 0, label: t('channels.office') },
                ...departments.map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('channels.col.target')}
            extra={t('channels.targetHint')}
            rules={[{ required: true, whitespace: true, message: t('channels.targetRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t('channels.secret')}
            extra={editing !== 'new' && editing?.hasSecret ? t('channels.secretKeep') : undefined}
          >
            <Input.Password autoComplete="new-password" maxLength={500} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="digest" label={t('channels.digest')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      </Modal>
    </>
  );
}
