import { PlusOutlined } from '@ant-design/icons';
import type { CreateFeedResponse } from '@duban/shared/contracts/calendar-feeds';
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
import { createFeed, type FeedRow, fetchFeeds, revokeFeed } from '../../../api/settings.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useToast } from '../../../components/toast.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { useDepartments } from '../../users/use-departments.ts';
import { settingsErrorText as errorText } from '../settings-error.ts';

type State = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; feeds: FeedRow[] };

interface Values {
  kind: 'department' | 'user';
  departmentId?: number;
  name?: string;
}

/** The subscription URL on this server: webcal works in iOS/macOS calendars, https in the others. */
const feedUrl = (path: string) => `${window.location.origin}${path}`;

/** 日历订阅 (settings): create a department or personal iCalendar link (shown once, copy it), revoke it. */
export default function CalendarFeedsPage() {
  const t = useT();
  const me = useUser();
  const message = useToast();
  const { departments } = useDepartments();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateFeedResponse | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const office = isOfficeRole(me.role);
  // A department account subscribes its own department; the office chooses one.
  const ownDepartment = me.role === 'department' ? (me.departmentId ?? undefined) : undefined;

  const load = useCallback(() => {
    fetchFeeds()
      .then((r) => setState({ status: 'ready', feeds: r.feeds }))
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, []);
  useEffect(load, [load]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const departmentId = v.kind === 'department' ? (office ? v.departmentId : ownDepartment) : undefined;
      const r = await createFeed({
        kind: v.kind,
        ...(departmentId !== undefined ? { departmentId } : {}),
        ...(v.name?.trim() ? { name: v.name.trim() } : {}),
      });
      setCreated(r);
      setCreating(false);
      form.resetFields();
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (row: FeedRow) => {
    try {
      await revokeFeed(row.id);
      message.success(t('feeds.revokedMsg', { name: row.name }));
      load();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const columns: TableColumnsType<FeedRow> = [
    { key: 'name', title: t('feeds.name'), dataIndex: 'name' },
    { key: 'kind', title: t('feeds.kind'), render: (_, r) => t(`feeds.kind.${r.kind}`) },
    { key: 'createdAt', title: t('feeds.createdAt'), render: (_, r) => r.createdAt.slice(0, 10) },
    {
      key: 'status',
      title: t('feeds.status'),
      render: (_, r) => (
        <Tag color={r.revokedAt ? 'default' : 'success'}>{r.revokedAt ? t('feeds.revoked') : t('feeds.active')}</Tag>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, r) =>
        r.revokedAt ? null : (
          <Popconfirm
            title={t('feeds.revokeConfirm', { name: r.name })}
            okText={t('feeds.revoke')}
            cancelText={t('common.cancel')}
            onConfirm={() => void revoke(r)}
          >
            <Button size="small" danger aria-label={`${t('feeds.revoke')}：${r.name}`}>
              {t('feeds.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const kinds: Values['kind'][] = office || ownDepartment !== undefined ? ['department', 'user'] : ['user'];

  return (
    <>
      <PageTitle
        title={t('feeds.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('feeds.create')}
          </Button>
        }
      />
      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          style={{ marginBottom: 12 }}
          title={t('feeds.createdTitle')}
          description={
            <>
              <Typography.Paragraph
                copyable={{ text: feedUrl(created.path) }}
                code
                style={{ wordBreak: 'break-all' }}
                data-testid="feed-url"
              >
                {feedUrl(created.path)}
              </Typography.Paragraph>
              {t('feeds.createdHint')}
            </>
          }
        />
      ) : null}
      {state.status === 'loading' ? <PageSpinner /> : null}
      {state.status === 'error' ? <ErrorResult error={state.error} onRetry={load} /> : null}
      {state.status === 'ready' ? (
        <Table<FeedRow>
          rowKey="id"
          columns={columns}
          dataSource={state.feeds}
          pagination={false}
          size="middle"
          scroll={{ x: 560 }}
          locale={{ emptyText: t('feeds.empty') }}
        />
      ) : null}
      <Modal
        open={creating}
        title={t('feeds.create')}
        okText={t('feeds.create')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => {
          setCreating(false);
          setError(null);
        }}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'user' }}>
          <Form.Item name="kind" label={t('feeds.kind')}>
            <Select<Values['kind']> options={kinds.map((k) => ({ value: k, label: t(`feeds.kind.${k}`) }))} />
          </Form.Item>
          {kind === 'department' && office ? (
            <Form.Item
              name="departmentId"
              label={t('feeds.department')}
              rules={[{ required: true, message: t('feeds.departmentRequired') }]}
            >
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="name" label={t('feeds.name')}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      </Modal>
    </>
  );
}
