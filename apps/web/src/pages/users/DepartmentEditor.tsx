import { Alert, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { Department } from '../../api/contracts.ts';
import { mergeDepartment, updateDepartment } from '../../api/departments.ts';
import { useToast } from '../../components/toast.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { settingsErrorText as errorText } from '../settings/settings-error.ts';

interface Values {
  name: string;
  aliases: string[];
  retired: boolean;
}

interface Props {
  department: Department;
  /** Every department of the registry: the merge target is chosen among the others (not groups). */
  all: readonly Department[];
}

/**
 * 部门库 editing for the office: 编辑 (rename — the old name stays an alias —, aliases, 撤销/恢复) and 合并 (this
 * department into another, which keeps every duty, report, 督办 record, extension and account).
 */
export function DepartmentEditor({ department: d, all }: Props) {
  const t = useT();
  const message = useToast();
  const [mode, setMode] = useState<'edit' | 'merge' | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [intoId, setIntoId] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();

  const open = (m: 'edit' | 'merge') => {
    setError(null);
    setIntoId(null);
    setMode(m);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      if (mode === 'edit') {
        const v = await form.validateFields();
        await updateDepartment(d.id, {
          name: v.name.trim(),
          aliases: v.aliases.map((a) => a.trim()).filter(Boolean),
          retired: v.retired,
        });
        message.success(t('dept.saved', { name: v.name.trim() }));
      } else if (mode === 'merge' && intoId !== null) {
        await mergeDepartment(d.id, intoId);
        message.success(t('dept.mergedDone', { name: d.name, into: all.find((x) => x.id === intoId)?.name ?? '' }));
      }
      // The api functions mark the registry stale: the panel refetches it.
      setMode(null);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows its own messages
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const targets = all.filter((x) => x.id !== d.id && x.kind !== 'group');

  return (
    <>
      <Space wrap size={4}>
        <Button size="small" onClick={() => open('edit')} aria-label={`${t('dept.edit')}：${d.name}`}>
          {t('dept.edit')}
        </Button>
        {d.kind !== 'group' ? (
          <Button size="small" onClick={() => open('merge')} aria-label={`${t('dept.merge')}：${d.name}`}>
            {t('dept.merge')}
          </Button>
        ) : null}
      </Space>
      {/* Mounted only while open: one form on the page at a time, no duplicate field ids across rows. */}
      {mode !== null ? (
        <Modal
          open
          title={mode === 'merge' ? t('dept.mergeTitle', { name: d.name }) : t('dept.editTitle', { name: d.name })}
          okText={mode === 'merge' ? t('dept.mergeOk') : t('common.save')}
          okButtonProps={{ danger: mode === 'merge', disabled: mode === 'merge' && intoId === null }}
          cancelText={t('common.cancel')}
          confirmLoading={saving}
          onOk={() => void save()}
          onCancel={() => setMode(null)}
        >
          {mode === 'merge' ? (
            <>
              <Alert
                type="warning"
                showIcon
                title={t('dept.mergeWarning', { name: d.name })}
                style={{ marginBottom: 12 }}
              />
              <Select<number>
                style={{ width: '100%' }}
                aria-label={t('dept.mergeInto')}
                placeholder={t('dept.mergeInto')}
                showSearch={{ optionFilterProp: 'label' }}
                value={intoId ?? undefined}
                onChange={setIntoId}
                options={targets.map((x) => ({ value: x.id, label: x.name }))}
              />
            </>
          ) : null}
          {mode === 'edit' ? (
            <Form<Values>
              form={form}
              name="department-edit"
              preserve={false}
              layout="vertical"
              initialValues={{ name: d.name, aliases: d.aliases, retired: d.retired }}
            >
              <Form.Item
                name="name"
                label={t('dept.col.name')}
                extra={t('dept.renameHint')}
                rules={[{ required: true, whitespace: true, message: t('dept.nameRequired') }]}
              >
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
              <Form.Item name="aliases" label={t('dept.aliasesLabel')} extra={t('dept.aliasesHint')}>
                <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} suffixIcon={null} />
              </Form.Item>
              <Form.Item
                name="retired"
                label={t('dept.retiredLabel')}
                extra={t('dept.retiredHint')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Form>
          ) : null}
          {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
        </Modal>
      ) : null}
    </>
  );
}
