import { MIN_PASSWORD_LENGTH } from '@duban/shared/password-rules';
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { UserRole } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { createUser } from '../../api/users.ts';
import { useUser } from '../../app/auth.tsx';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { generatePassword } from './password.ts';
import type { DepartmentOption } from './use-departments.ts';

export const ROLES: readonly UserRole[] = ['office_admin', 'office_staff', 'leader', 'department', 'enterprise'];
/** A lower unit's first accounts: its office and leaders (they then make its department and enterprise accounts). */
const CHILD_UNIT_ROLES: readonly UserRole[] = ['office_admin', 'office_staff', 'leader'];

interface Values {
  username: string;
  displayName: string;
  role: UserRole;
  departmentId?: number;
  isHead: boolean;
  password: string;
  unitCode?: string;
}

interface Props {
  open: boolean;
  departments: DepartmentOption[];
  onClose: () => void;
  onCreated: () => void;
}

export function CreateUserModal({ open, departments, onClose, onCreated }: Props) {
  const t = useT();
  const message = useToast();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const units = useUser().units ?? [];
  const home = units[0]?.code;
  const unitCode = Form.useWatch('unitCode', form) ?? home;
  const inChild = unitCode !== home;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
        isHead: v.role === 'department' ? v.isHead : false,
        password: v.password,
        unitCode: inChild ? unitCode : undefined,
      });
      message.success(t('users.created', { name: v.username.trim() }));
      onCreated();
      close();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ role: 'department', isHead: false, password: generatePassword(), unitCode: home }}
        onFinish={() => void submit().catch(() => undefined)}
      >
        <Form.Item
          name="username"
          label={t('users.col.username')}
          extra={t('users.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.col.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        {units.length > 1 ? (
          <Form.Item name="unitCode" label={t('users.unit')} extra={t('users.unitHint')}>
            <Select<string>
              options={units.map((u) => ({ value: u.code, label: u.name }))}
              onChange={(code) => {
                if (code !== home && !CHILD_UNIT_ROLES.includes(form.getFieldValue('role'))) {
                  form.setFieldValue('role', 'office_admin');
                }
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="role" label={t('users.col.role')} rules={[{ required: true }]}>
          <Select<UserRole>
            options={(inChild ? CHILD_UNIT_ROLES : ROLES).map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        {role === 'department' && !inChild ? (
          <>
            <Form.Item
              name="departmentId"
              label={t('users.col.department')}
              extra={t('users.departmentsHint')}
              rules={[{ required: true, message: t('users.departmentRequired') }]}
            >
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                options={departments.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="isHead" valuePropName="checked">
              <Checkbox>{t('users.isHead')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        <Form.Item label={t('users.password')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[
                { required: true, message: t('password.required') },
                { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { n: MIN_PASSWORD_LENGTH }) },
              ]}
            >
              <Input id="create-user-password" autoComplete="new-password" aria-label={t('users.password')} />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('password', generatePassword())}>{t('users.generate')}</Button>
          </Space.Compact>
        </Form.Item>
        <Alert type="info" showIcon title={t('users.passwordShown')} style={{ marginBottom: error ? 12 : 0 }} />
        {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
