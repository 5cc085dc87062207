import { STANDARDIZATION_LEVELS, SUPERVISOR_ROLES, type SupervisorRole } from '@duban/shared/contracts/enterprises';
import { checkCreditCode } from '@duban/shared/credit-code';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { createEnterprise, fetchCatalogue, fetchEnterprise, updateEnterprise } from '../../api/enterprises.ts';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { realDepartments, useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ROLE_KEY } from './enterprise-labels.ts';

/** Form rows: as many 220 px columns as fit (one on a phone). */
const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 12 } as const;

interface Values {
  name: string;
  creditCode: string;
  address: string;
  locality: string;
  industries: string[];
  tags: string[];
  highRisk: boolean;
  standardizationLevel: string | null;
  riskClass: string | null;
  employees: number | null;
  principalName: string;
  principalPhone: string;
  controllerName: string;
  controllerPhone: string;
  safetyName: string;
  safetyPhone: string;
  openedOn: Dayjs | null;
  note: string;
  supervisors: { departmentId?: number; role?: SupervisorRole }[];
}

/** Register or edit an enterprise (office). The credit code is checked as it is typed (GB 32100), and by the server. */
export default function EnterpriseFormPage() {
  const t = useT();
  const navigate = useNavigate();
  const message = useToast();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const catalogue = useQuery({
    queryKey: queryKeys.enterpriseCatalogue(),
    queryFn: ({ signal }) => fetchCatalogue(signal),
  });
  const existing = useQuery({
    queryKey: queryKeys.enterprise(id ?? 0),
    queryFn: ({ signal }) => fetchEnterprise(id ?? 0, signal),
    enabled: id !== null,
  });
  // The form is filled once per enterprise, and saves against the version it was filled from: a background refetch
  // neither overwrites what is being typed nor hides someone else's change (the server answers 409).
  const filled = useRef<{ id: number; version: number } | null>(null);
  const { departments } = useDepartmentRegistry();
  const items = catalogue.data?.items.filter((c) => c.active) ?? [];
  const options = (kind: string) => items.filter((c) => c.kind === kind).map((c) => ({ value: c.code, label: c.name }));

  useEffect(() => {
    const e = existing.data;
    if (!e || filled.current?.id === e.id) return;
    filled.current = { id: e.id, version: e.version };
    form.setFieldsValue({
      name: e.name,
      creditCode: e.creditCode,
      address: e.address,
      locality: e.locality,
      industries: e.industries.map((i) => i.code),
      tags: e.tags.map((i) => i.code),
      highRisk: e.highRisk,
      standardizationLevel: e.standardizationLevel,
      riskClass: e.riskClass?.code ?? null,
      employees: e.employees,
      principalName: e.principal.name,
      principalPhone: e.principal.phone,
      controllerName: e.controller.name,
      controllerPhone: e.controller.phone,
      safetyName: e.safetyManager.name,
      safetyPhone: e.safetyManager.phone,
      openedOn: e.openedOn ? dayjs(e.openedOn) : null,
      note: e.note,
      supervisors: e.supervisors.map((s) => ({ departmentId: s.departmentId, role: s.role })),
    });
  }, [existing.data, form]);

  if (existing.isError) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && !existing.data) return <PageSpinner />;

  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      name: v.name,
      creditCode: v.creditCode,
      address: v.address ?? '',
      locality: v.locality ?? '',
      industries: v.industries ?? [],
      tags: v.tags ?? [],
      highRisk: v.highRisk ?? false,
      standardizationLevel: (v.standardizationLevel ?? null) as (typeof STANDARDIZATION_LEVELS)[number] | null,
      riskClass: v.riskClass ?? null,
      employees: v.employees ?? null,
      principal: { name: v.principalName ?? '', phone: v.principalPhone ?? '' },
      controller: { name: v.controllerName ?? '', phone: v.controllerPhone ?? '' },
      safetyManager: { name: v.safetyName ?? '', phone: v.safetyPhone ?? '' },
      openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : null,
      note: v.note ?? '',
      supervisors: (v.supervisors ?? [])
        .filter((s): s is { departmentId: number; role: SupervisorRole } => Boolean(s?.departmentId && s.role))
        .map((s) => ({ departmentId: s.departmentId, role: s.role })),
    };
    try {
      const saved =
        id && filled.current
          ? await updateEnterprise(id, { ...body, version: filled.current.version })
          : await createEnterprise(body);
      message.success(t('ent.saved'));
      navigate(`/enterprises/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credit_code') {
        form.setFields([{ name: 'creditCode', errors: [error.message] }]);
      } else message.error(errorText(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <PageTitle title={id ? t('ent.editTitle') : t('ent.newTitle')} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ industries: [], tags: [], highRisk: false, supervisors: [{}] }}
      >
        <Card size="small" title={t('ent.section.basic')}>
          <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, message: t('ent.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('ent.creditCode')}
            validateTrigger={['onChange', 'onBlur']}
            rules={[
              { required: true, message: t('ent.required') },
              {
                validator: async (_, value: string) => {
                  if (!value) return;
                  const check = checkCreditCode(value);
                  if (!check.valid && (check.code.length >= 18 || check.position !== check.code.length + 1)) {
                    throw new Error(check.message ?? '');
                  }
                },
              },
            ]}
          >
            <Input maxLength={24} inputMode="text" autoCapitalize="characters" />
          </Form.Item>
          <div style={GRID}>
            <Form.Item
              name="industries"
              label={t('ent.industry')}
              rules={[{ required: true, message: t('ent.required') }]}
            >
              <Select mode="multiple" options={options('industry')} />
            </Form.Item>
            <Form.Item name="tags" label={t('ent.tags')}>
              <Select mode="multiple" options={options('tag')} />
            </Form.Item>
          </div>
          <div style={GRID}>
            <Form.Item name="address" label={t('ent.address')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="locality" label={t('ent.locality')}>
              <Input maxLength={100} />
            </Form.Item>
          </div>
          <div style={GRID}>
            <Form.Item name="riskClass" label={t('ent.riskClass')}>
              <Select allowClear options={options('risk_class')} />
            </Form.Item>
            <Form.Item name="standardizationLevel" label={t('ent.standardization')}>
              <Select allowClear options={STANDARDIZATION_LEVELS.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
            <Form.Item name="employees" label={t('ent.employees')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="openedOn" label={t('ent.openedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Form.Item name="highRisk" valuePropName="checked">
            <Checkbox>{t('ent.highRisk')}</Checkbox>
          </Form.Item>
        </Card>
        <Card size="small" title={t('ent.section.people')} style={{ marginTop: 12 }}>
          {(
            [
              ['principalName', 'principalPhone', 'ent.principal'],
              ['controllerName', 'controllerPhone', 'ent.controller'],
              ['safetyName', 'safetyPhone', 'ent.safetyManager'],
            ] as const
          ).map(([n, p, label]) => (
            <div key={n} style={GRID}>
              <Form.Item name={n} label={t(label)}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name={p} label={t('ent.phone')}>
                <Input maxLength={40} inputMode="tel" />
              </Form.Item>
            </div>
          ))}
        </Card>
        <Card size="small" title={t('ent.supervisors')} style={{ marginTop: 12 }}>
          <Form.List name="supervisors">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'departmentId']} style={{ minWidth: 220 }}>
                      <Select
                        aria-label={t('ent.department')}
                        placeholder={t('ent.department')}
                        showSearch
                        optionFilterProp="label"
                        options={realDepartments(departments).map((d) => ({ value: d.id, label: d.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} style={{ minWidth: 140 }}>
                      <Select
                        aria-label={t('ent.role')}
                        placeholder={t('ent.role')}
                        options={SUPERVISOR_ROLES.map((r) => ({ value: r, label: t(ROLE_KEY[r]) }))}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('ent.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({})}>{t('ent.addSupervisor')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Form.Item name="note" label={t('ent.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('ent.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('ent.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
