import type { HazardStandard } from '@duban/shared/contracts/hazards';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  addStandardItem,
  fetchHazardSettings,
  fetchHazardStandards,
  type HazardSettings,
  saveHazardSettings,
} from '../../../api/hazards.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useToast } from '../../../components/toast.tsx';
import { useIsPhone } from '../../../components/use-media-query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { settingsErrorText as errorText } from '../settings-error.ts';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; standards: HazardStandard[]; settings: HazardSettings };

interface ItemValues {
  article: string;
  articleTitle: string;
  item: string;
  text: string;
  source: string;
}

/**
 * 隐患排查设置 (office): who hears about a listed major hazard and when time limits remind (GET/PUT
 * /api/hazard-settings), and the catalogue of 重大事故隐患判定标准 with each entry's source — the office adds items
 * (POST /api/hazard-standards/:id/items), always naming where it took them from.
 */
export default function HazardSettingsPage() {
  const t = useT();
  const me = useUser();
  const message = useToast();
  const phone = useIsPhone();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<HazardStandard | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [form] = Form.useForm<HazardSettings>();
  const [itemForm] = Form.useForm<ItemValues>();

  const load = useCallback(() => {
    Promise.all([fetchHazardStandards(), fetchHazardSettings()])
      .then(([s, settings]) => {
        setState({ status: 'ready', standards: s.standards, settings });
        form.setFieldsValue(settings);
      })
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, [form]);
  useEffect(() => {
    if (isOfficeRole(me.role)) load();
  }, [load, me.role]);

  if (!isOfficeRole(me.role)) return <Alert type="info" showIcon title={t('settings.onlyOffice')} />;
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'error') return <ErrorResult error={state.error} onRetry={load} />;
  const { standards, settings } = state;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await saveHazardSettings({ ...v, version: settings.version });
      setState({ ...state, settings: saved });
      form.setFieldsValue(saved);
      message.success(t('hzset.saved'));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const addItem = async () => {
    if (!adding) return;
    // A refused field shows its own message under it; nothing to send.
    const v = await itemForm.validateFields().catch(() => null);
    if (!v) return;
    setAddError(null);
    try {
      const r = await addStandardItem(adding.id, { ...v, articleTitle: v.articleTitle ?? '', item: v.item ?? '' });
      setState({ ...state, standards: r.standards });
      setAdding(null);
      itemForm.resetFields();
      message.success(t('hzset.itemAdded'));
    } catch (e) {
      setAddError(errorText(e, t));
    }
  };

  const originOf = (i: HazardStandard['items'][number]) =>
    i.origin === 'office' ? (
      <>
        <Tag color="blue">{t('hzset.originOffice')}</Tag>
        <div style={{ fontSize: 12 }}>{i.source}</div>
      </>
    ) : (
      <Tag>{t('hzset.originShipped')}</Tag>
    );

  return (
    <>
      <PageTitle title={t('hzset.title')} />
      <Card size="small" title={t('hzset.notices')} style={{ maxWidth: 640, marginBottom: 16 }}>
        <Form<HazardSettings> form={form} layout="vertical" onFinish={() => void save()}>
          <Form.Item name="notifyPrincipal" label={t('hzset.notifyPrincipal')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="notifyController" label={t('hzset.notifyController')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="notifyDepartment" label={t('hzset.notifyDepartment')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="remindDaysBefore"
            label={t('hzset.remindDaysBefore')}
            rules={[{ required: true, type: 'integer', min: 0, max: 90, message: t('hzset.remindDaysRule') }]}
          >
            <InputNumber min={0} max={90} style={{ width: 160 }} />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('hzset.save')}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={t('hzset.catalogue')}>
        <Collapse
          items={standards.map((s) => ({
            key: String(s.id),
            label: (
              <span>
                {s.title}（{s.number}）{' '}
                <Tag color={s.inForce ? 'green' : 'default'}>
                  {s.inForce ? t('hzset.inForce') : t('hzset.repealed')}
                </Tag>
              </span>
            ),
            children: (
              <>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 1, md: 3 }}
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  style={{ marginBottom: 12 }}
                >
                  <Descriptions.Item label={t('hzset.issuer')}>{s.issuer}</Descriptions.Item>
                  <Descriptions.Item label={t('hzset.number')}>{s.number}</Descriptions.Item>
                  <Descriptions.Item label={t('hzset.effective')}>{s.effectiveDate ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('hzset.source')} span="filled">
                    {s.source}
                  </Descriptions.Item>
                  {s.repealedBy ? (
                    <Descriptions.Item label={t('hzset.repealedBy')} span="filled">
                      {s.repealedBy}
                    </Descriptions.Item>
                  ) : null}
                  {s.note ? (
                    <Descriptions.Item label={t('hzset.note')} span="filled">
                      {s.note}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                <Button size="small" style={{ marginBottom: 8 }} onClick={() => setAdding(s)}>
                  {t('hzset.addItem')}
                </Button>
                {phone ? (
                  <List
                    size="small"
                    dataSource={s.items}
                    renderItem={(i) => (
                      <List.Item key={i.id}>
                        <div>
                          <strong>
                            {i.article}
                            {i.item}
                          </strong>{' '}
                          {i.text}
                          <div style={{ marginTop: 4 }}>{originOf(i)}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={s.items}
                    columns={[
                      { title: t('hzset.article'), dataIndex: 'article', width: 90 },
                      { title: t('hzset.item'), dataIndex: 'item', width: 70 },
                      { title: t('hzset.text'), dataIndex: 'text' },
                      { title: t('hzset.origin'), key: 'origin', width: 200, render: (_v, i) => originOf(i) },
                    ]}
                  />
                )}
              </>
            ),
          }))}
        />
      </Card>

      <Modal
        open={adding !== null}
        title={adding ? t('hzset.addItemTo', { title: adding.title }) : ''}
        okText={t('hzset.add')}
        onOk={() => void addItem()}
        onCancel={() => {
          setAdding(null);
          setAddError(null);
        }}
        destroyOnHidden
      >
        <Form<ItemValues> form={itemForm} layout="vertical" preserve={false}>
          <Form.Item name="article" label={t('hzset.article')} rules={[{ required: true, max: 40 }]}>
            <Input placeholder="第十一条" maxLength={40} />
          </Form.Item>
          <Form.Item name="articleTitle" label={t('hzset.articleTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="item" label={t('hzset.item')}>
            <Input placeholder="（三）" maxLength={40} />
          </Form.Item>
          <Form.Item name="text" label={t('hzset.text')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="source"
            label={t('hzset.source')}
            extra={t('hzset.sourceHint')}
            rules={[{ required: true, max: 500, message: t('hzset.sourceRequired') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          {addError ? <Alert type="error" showIcon title={addError} /> : null}
        </Form>
      </Modal>
    </>
  );
}
