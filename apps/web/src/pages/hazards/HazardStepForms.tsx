import { todayInShanghai } from '@duban/shared/civil-date';
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** One field of a step's form: a text, a long text, a date, a number, or a choice. */
export interface StepField {
  name: string;
  label: string;
  kind?: 'text' | 'area' | 'date' | 'number' | 'radio' | 'select';
  options?: { value: string | number; label: string }[];
  required?: boolean;
  initial?: unknown;
}

export interface StepFormSpec {
  title: string;
  fields: StepField[];
  submit: (values: Record<string, unknown>) => Promise<void>;
}

/** The modal form of one step (plan, evaluation, acceptance, listing, extension …). */
export function StepFormModal({ spec, onClose }: { spec: StepFormSpec | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  if (!spec) return null;
  const initial = Object.fromEntries(
    spec.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]),
  );
  const control = (f: StepField): ReactNode => {
    switch (f.kind) {
      case 'area':
        return <Input.TextArea rows={3} />;
      case 'date':
        return <Input type="date" />;
      case 'number':
        return <InputNumber min={0} style={{ width: '100%' }} />;
      case 'radio':
        return <Radio.Group options={f.options} />;
      case 'select':
        return <Select options={f.options} />;
      default:
        return <Input />;
    }
  };
  return (
    <Modal
      open
      title={spec.title}
      okText={t('hz.submit')}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields();
        await spec.submit(values);
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={f.required === false ? [] : [{ required: true, message: `${f.label}` }]}
          >
            {control(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

export const today = () => todayInShanghai();
