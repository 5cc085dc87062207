import { Alert, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import type { UserRole, UserRow } from '../../api/contracts.ts';
import { errorText } from '../../api/error-text.ts';
import { updateUser } from '../../api/users.ts';
import { useUser } from '../../app/auth.tsx';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ROLES } from './CreateUserModal.tsx';
import type { DepartmentOption } from './use-departments.ts';

interface Values {
  displayName: string;
  role: UserRole;
  departmentId?: number;
  isHead: boolean;
}

interface Props {
  user: UserRow;
  departments: DepartmentOption[];
  onChanged: () => void;
}

/**
 * The administrator's row actions on 部门与用户: 编辑 (name, role, department, head) and 停用 / 启用. An enterprise
 * account keeps its role (bound in the enterprise registry); the server refuses self-lockout with a clear message.
 */
export function UserActions({ user, departments, onChanged }: Props) {
  const t = useT();
  const message = useToast();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  // One's own account is not disabled here (the server refuses it too).
  const self = useUser().userId === user.id;

  const edit = () => {
    setError(null);
    setOpen(true);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await updateUser(user.id, {
        displayName: v.displayName.trim(),
        role: v.role,
        departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
        isHead: v.role === 'department' ? v.isHead : false,
        version: user.version,
      });
      message.success(t('users.saved', { name: user.username }));
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const toggle = async () => {
    try {
      await updateUser(user.id, { disabled: !user.disabled, version: user.version });
      message.success(t(user.disabled ? 'users.enabled' : 'users.disabledDone', { name: user.username }));
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <>
      <Space wrap size={4}>
        <Button size="small" onClick={edit} aria-label={`${t('users.edit')}：${user.username}`}>
          {t('users.edit')}
        </Button>
        {self ? null : (
          <Popconfirm
            title={t(user.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: user.displayName })}
            okText={t(user.disabled ? 'users.enable' : 'users.disable')}
            cancelText={t('common.cancel')}
            onConfirm={() => void toggle()}
          >
            <Button
              size="small"
              danger={!user.disabled}
              aria-label={`${t(user.disabled ? 'users.enable' : 'users.disable')}：${user.username}`}
            >
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {/* Mounted only while open: one form on the page at a time, no duplicate field ids across rows. */}
      {open ? (
        <Modal
          open
          title={t('users.editTitle', { name: user.username })}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={saving}
          onOk={() => void submit().catch(() => undefined)}
          onCancel={() => setOpen(false)}
        >
          <Form<Values>
            form={form}
            name="user-edit"
            preserve={false}
            layout="vertical"
            initialValues={{
              displayName: user.displayName,
              role: user.role,
              departmentId: user.departmentId ?? undefined,
              isHead: user.isHead,
            }}
          >
            <Form.Item
              name="displayName"
              label={t('users.col.displayName')}
              rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item name="role" label={t('users.col.role')}>
              <Select<UserRole>
                disabled={user.role === 'enterprise'}
                options={ROLES.filter((r) => r !== 'enterprise' || user.role === 'enterprise').map((r) => ({
                  value: r,
                  label: t(`role.${r}`),
                }))}
              />
            </Form.Item>
            {role === 'department' ? (
              <>
                <Form.Item
                  name="departmentId"
                  label={t('users.col.department')}
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
          </Form>
          {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
        </Modal>
      ) : null}
    </>
  );
}
