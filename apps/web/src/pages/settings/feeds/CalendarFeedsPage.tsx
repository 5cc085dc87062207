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
import { queryKeys } from '../../../api/query.ts';
import { createFeed, type FeedRow, fetchFeeds, revokeFeed } from '../../../api/settings.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { useDepartments } from '../../users/use-departments.ts';
import { settingsErrorText as errorText } from '../settings-error.ts';
import { useIssuedSecrets } from '../use-issued-secrets.ts';

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
  const { departments } = useDepartments();
  const feeds = useIssuedSecrets({
    queryKey: queryKeys.calendarFeeds(),
    list: (signal) => fetchFeeds(signal).then((r) => r.feeds),
    create: createFeed,
    revoke: (row: FeedRow) => revokeFeed(row.id),
    errorText: (e) => errorText(e, t),
    revokedText: (row) => t('feeds.revokedMsg', { name: row.name }),
  });
  const { rows, dialog, created } = feeds;
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const office = isOfficeRole(me.role);
  // A department account subscribes its own department; the office chooses one.
  const ownDepartment = me.role === 'department' ? (me.departmentId ?? undefined) : undefined;

  const submit = async () => {
    const v = await form.validateFields();
    const departmentId = v.kind === 'department' ? (office ? v.departmentId : ownDepartment) : undefined;
    await feeds.create({
      kind: v.kind,
      ...(departmentId !== undefined ? { departmentId } : {}),
      ...(v.name?.trim() ? { name: v.name.trim() } : {}),
    });
    form.resetFields();
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
            onConfirm={() => feeds.revoke(r)}
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
          <Button type="primary" icon={<PlusOutlined />} onClick={dialog.show}>
            {t('feeds.create')}
          </Button>
        }
      />
      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: feeds.dismiss }}
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
      {rows.isPending ? <PageSpinner /> : null}
      {rows.isError ? <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} /> : null}
      {rows.data ? (
        <Table<FeedRow>
          rowKey="id"
          columns={columns}
          dataSource={rows.data}
          pagination={false}
          size="middle"
          scroll={{ x: 560 }}
          locale={{ emptyText: t('feeds.empty') }}
        />
      ) : null}
      <Modal
        open={dialog.open}
        title={t('feeds.create')}
        okText={t('feeds.create')}
        cancelText={t('common.cancel')}
        confirmLoading={dialog.saving}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={dialog.hide}
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
        {dialog.error ? <Alert type="error" showIcon title={dialog.error} role="alert" /> : null}
      </Modal>
    </>
  );
}
