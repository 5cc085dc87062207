import { todayInShanghai } from '@duban/shared/civil-date';
import { HAZARD_CHANNELS } from '@duban/shared/hazards/hazard-workflow';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fetchEnterprises } from '../../api/enterprises.ts';
import { errorText } from '../../api/error-text.ts';
import { createHazard, fetchHazardStandards, uploadHazardFiles } from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { useUser } from '../../app/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { channelLabel, levelLabel } from './hazard-labels.ts';

interface Values {
  enterpriseId?: number;
  channel: string;
  level: 'general' | 'major';
  basisItemId?: number;
  basisText?: string;
  place: string;
  description: string;
  foundOn: string;
  foundBy: string;
}

/** The enterprises to pick from (the first 500 of the registry). */
const ENTERPRISE_PICK = { limit: 500 } as const;

/** 上报隐患: phone-first; an enterprise account reports its own 企业自查 with photos taken on the spot. */
export default function HazardFormPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const toast = useToast();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const own = user.role === 'enterprise';
  // An enterprise account reports for itself: no registry to pick from.
  const enterprises = useQuery({
    queryKey: queryKeys.enterpriseList(ENTERPRISE_PICK),
    queryFn: ({ signal }) => fetchEnterprises(ENTERPRISE_PICK, signal),
    enabled: !own,
  });
  const standards = useQuery({
    queryKey: queryKeys.hazardStandards(),
    queryFn: ({ signal }) => fetchHazardStandards(signal),
  });
  const level = Form.useWatch('level', form);
  const basisOptions = (standards.data?.standards ?? [])
    .filter((s) => s.inForce && s.items.length > 0)
    .map((s) => ({
      label: `${s.title}（${s.number}）`,
      options: s.items.map((i) => ({ value: i.id, label: `${i.article}${i.item} ${i.text}` })),
    }));

  async function submit(v: Values) {
    setBusy(true);
    try {
      const h = await createHazard({ ...v, category: '', basisText: v.basisText ?? '' } as Parameters<
        typeof createHazard
      >[0]);
      if (files.length > 0) await uploadHazardFiles(h.id, 'before', files);
      toast.success(t('hz.created'));
      navigate(`/hazards/${h.id}`);
    } catch (error) {
      toast.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ maxWidth: 720 }}>
      <PageTitle title={t('hz.newTitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            channel: own ? 'self_check' : 'department_inspection',
            level: 'general',
            foundOn: todayInShanghai(),
            foundBy: user.username,
          }}
        >
          {own ? null : (
            <Form.Item name="enterpriseId" label={t('hz.enterprise')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(enterprises.data?.enterprises ?? []).map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="channel" label={t('hz.channel')} rules={[{ required: true }]}>
            <Select disabled={own} options={HAZARD_CHANNELS.map((c) => ({ value: c, label: channelLabel(c, lang) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('hz.level')}>
            <Radio.Group
              options={[
                { value: 'general', label: levelLabel('general', lang) },
                { value: 'major', label: levelLabel('major', lang) },
              ]}
            />
          </Form.Item>
          {level === 'major' ? (
            <>
              <Form.Item name="basisItemId" label={`${t('hz.basis')}：${t('hz.basisPick')}`}>
                <Select showSearch allowClear optionFilterProp="label" options={basisOptions} />
              </Form.Item>
              <Form.Item name="basisText" label={t('hz.basisText')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="place" label={t('hz.place')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('hz.description')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="foundOn" label={t('hz.foundOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="foundBy" label={t('hz.foundBy')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('hz.photos')} extra={t('hz.photosHint')}>
            <input
              aria-label={t('hz.photos')}
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('hz.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
