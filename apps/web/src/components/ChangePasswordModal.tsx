import { MIN_PASSWORD_LENGTH } from '@duban/shared/password-rules';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { changePassword } from '../api/auth.ts';
import { errorText } from '../api/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { useToast } from './toast.tsx';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** forced: the account's password was generated (first account, reset): no way to close it but changing it. */
export default function ChangePasswordModal({
  open,
  onClose,
  forced = false,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const t = useT();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        if (forced) return;
        form.resetFields();
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {forced ? <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item
          name="oldPassword"
          label={t('password.old')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule', { n: MIN_PASSWORD_LENGTH })}
          rules={[
            { required: true, message: t('password.required') },
            { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { n: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
