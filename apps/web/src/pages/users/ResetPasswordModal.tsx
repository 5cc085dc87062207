import { MIN_PASSWORD_LENGTH } from '@duban/shared/password-rules';
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { UserRow } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { resetUserPassword } from '../../api/users.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { generatePassword } from './password.ts';

export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const t = useT();
  const message = useToast();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const close = () => {
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await resetUserPassword(user.id, v.password);
      message.success(t('users.resetDone', { name: user.username }));
      close();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.username }) : ''}
      okText={t('users.reset')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ password: generatePassword() }} preserve={false}>
        <Form.Item label={t('users.newPassword')} required extra={t('password.rule', { n: MIN_PASSWORD_LENGTH })}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[
                { required: true, message: t('password.required') },
                { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { n: MIN_PASSWORD_LENGTH }) },
              ]}
            >
              <Input autoComplete="new-password" aria-label={t('users.newPassword')} />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('password', generatePassword())}>{t('users.generate')}</Button>
          </Space.Compact>
        </Form.Item>
        <Alert type="info" showIcon title={t('users.passwordShown')} style={{ marginBottom: error ? 12 : 0 }} />
        {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
      </Form>
    </Modal>
  );
}
