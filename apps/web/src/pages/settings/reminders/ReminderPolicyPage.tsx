import type { ReminderPolicy, ReminderPolicyResponse } from '@duban/shared/contracts/reminders';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { fetchReminderPolicy, saveReminderPolicy } from '../../../api/settings.ts';
import { isOfficeRole, useUser } from '../../../app/auth.tsx';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { PageSpinner } from '../../../components/PageSpinner.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useToast } from '../../../components/toast.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { settingsErrorText as errorText } from '../settings-error.ts';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: ReminderPolicyResponse };

interface Values {
  enabled: boolean;
  dailyAt: string;
  remindDaysBefore: string[];
  urgeAfterWorkingDays: number | null;
  noticeAfterWorkingDays: number | null;
  noticeReplyWorkingDays: number;
  interviewAfterWorkingDays: number | null;
  catchUpDays: number;
}

const toValues = (p: ReminderPolicy): Values => ({
  ...p,
  remindDaysBefore: p.remindDaysBefore.map(String),
});

/** 提醒与督办策略: the campaign's reminder and escalation steps (GET/PUT /api/reminder-policy, versioned). */
export default function ReminderPolicyPage() {
  const t = useT();
  const me = useUser();
  const message = useToast();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => {
    fetchReminderPolicy()
      .then((data) => {
        setState({ status: 'ready', data });
        form.setFieldsValue(toValues(data.policy));
      })
      .catch((e: unknown) => setState({ status: 'error', error: e }));
  }, [form]);
  useEffect(load, [load]);

  if (!isOfficeRole(me.role)) return <Alert type="info" showIcon title={t('settings.onlyOffice')} />;
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'error') return <ErrorResult error={state.error} onRetry={load} />;
  const { data } = state;

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const days = [...new Set(v.remindDaysBefore.map((d) => Number(d)).filter((d) => Number.isInteger(d) && d >= 0))];
      const policy: ReminderPolicy = {
        ...data.policy,
        enabled: v.enabled,
        dailyAt: v.dailyAt.trim(),
        remindDaysBefore: days.sort((a, b) => b - a),
        urgeAfterWorkingDays: v.urgeAfterWorkingDays ?? null,
        noticeAfterWorkingDays: v.noticeAfterWorkingDays ?? null,
        noticeReplyWorkingDays: v.noticeReplyWorkingDays,
        interviewAfterWorkingDays: v.interviewAfterWorkingDays ?? null,
        catchUpDays: v.catchUpDays,
      };
      const saved = await saveReminderPolicy({ policy, version: data.version });
      setState({ status: 'ready', data: saved });
      form.setFieldsValue(toValues(saved.policy));
      message.success(t('reminders.saved'));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const step = (name: keyof Values, label: Parameters<typeof t>[0], optional: boolean) => (
    <Form.Item name={name} label={t(label)} extra={optional ? t('reminders.off') : undefined}>
      <InputNumber min={1} max={120} style={{ width: 160 }} />
    </Form.Item>
  );

  return (
    <>
      <PageTitle title={t('reminders.title')} />
      <Typography.Paragraph type="secondary">
        {data.isDefault
          ? t('reminders.default')
          : t('reminders.updated', {
              by: data.updatedBy ?? '—',
              at: (data.updatedAt ?? '').slice(0, 16).replace('T', ' '),
            })}
      </Typography.Paragraph>
      <Card size="small" style={{ maxWidth: 640 }}>
        <Form<Values> form={form} layout="vertical" onFinish={() => void submit()}>
          <Form.Item name="enabled" label={t('reminders.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="dailyAt"
            label={t('reminders.dailyAt')}
            rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间格式应为 HH:MM' }]}
          >
            <Input style={{ width: 160 }} maxLength={5} />
          </Form.Item>
          <Form.Item name="remindDaysBefore" label={t('reminders.daysBefore')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} style={{ maxWidth: 320 }} open={false} />
          </Form.Item>
          {step('urgeAfterWorkingDays', 'reminders.urge', true)}
          {step('noticeAfterWorkingDays', 'reminders.notice', true)}
          <Form.Item name="noticeReplyWorkingDays" label={t('reminders.noticeReply')} rules={[{ required: true }]}>
            <InputNumber min={1} max={120} style={{ width: 160 }} />
          </Form.Item>
          {step('interviewAfterWorkingDays', 'reminders.interview', true)}
          <Form.Item name="catchUpDays" label={t('reminders.catchUp')} rules={[{ required: true }]}>
            <InputNumber min={0} max={366} style={{ width: 160 }} />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
