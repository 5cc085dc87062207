import type { EnterpriseStatus } from '@duban/shared/contracts/enterprises';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Input, Select, Space, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  bindEnterpriseAccount,
  changeEnterpriseStatus,
  fetchEnterprise,
  fetchEnterpriseVersions,
} from '../../api/enterprises.ts';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../components/time.ts';
import { useToast } from '../../components/toast.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { RISK_COLOR, ROLE_KEY, STATUS_COLOR, STATUS_KEY } from './enterprise-labels.ts';

/** One enterprise: registry fields, supervising departments, status changes (office), account binding, history. */
export default function EnterpriseDetailPage() {
  const t = useT();
  const user = useUser();
  const office = isOfficeRole(user.role);
  const phone = useIsPhone();
  const navigate = useNavigate();
  const message = useToast();
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: queryKeys.enterprise(id),
    queryFn: ({ signal }) => fetchEnterprise(id, signal),
    placeholderData: keepPreviousData,
  });
  const e = query.data;
  // Every enterprise write marks 'enterprises' stale: the history refetches with the record.
  const versions = useQuery({
    queryKey: queryKeys.enterpriseVersions(id),
    queryFn: ({ signal }) => fetchEnterpriseVersions(id, signal),
  });
  const [status, setStatus] = useState<EnterpriseStatus | undefined>();
  const [on, setOn] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [account, setAccount] = useState('');

  if (query.isError && !e) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!e) return <PageSpinner />;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (error) {
      message.error(errorText(error, t));
    }
  };
  const contact = (c: { name: string; phone: string }) => (c.name || c.phone ? `${c.name} ${c.phone}`.trim() : '—');

  return (
    <div>
      <PageTitle
        title={e.name}
        extra={
          <Space wrap>
            <Link to="/enterprises">{t('ent.backToList')}</Link>
            {office ? (
              <Button type="primary" onClick={() => navigate(`/enterprises/${e.id}/edit`)}>
                {t('ent.edit')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLOR[e.status]}>{t(STATUS_KEY[e.status])}</Tag>
        {e.highRisk ? <Tag color="red">{t('ent.highRisk')}</Tag> : null}
        {e.riskClass ? <Tag color={RISK_COLOR[e.riskClass.code]}>{e.riskClass.name}</Tag> : null}
        {e.tags.map((g) => (
          <Tag key={g.code}>{g.name}</Tag>
        ))}
        {e.demo ? <Tag>{t('ent.demo')}</Tag> : null}
      </Space>
      <Descriptions bordered size="small" column={phone ? 1 : 2}>
        <Descriptions.Item label={t('ent.creditCode')}>{e.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('ent.industry')}>{e.industries.map((i) => i.name).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('ent.address')}>{e.address || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.locality')}>
          {e.orgUnitName} {e.locality}
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.standardization')}>{e.standardizationLevel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.employees')}>{e.employees ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.principal')}>{contact(e.principal)}</Descriptions.Item>
        <Descriptions.Item label={t('ent.controller')}>{contact(e.controller)}</Descriptions.Item>
        <Descriptions.Item label={t('ent.safetyManager')}>{contact(e.safetyManager)}</Descriptions.Item>
        <Descriptions.Item label={t('ent.dates')}>
          {[
            e.openedOn ? `${t('ent.openedOn')} ${e.openedOn}` : null,
            e.suspendedOn ? `${t('ent.status.suspended')} ${e.suspendedOn}` : null,
            e.closedOn ? `${t('ent.status.closed')} ${e.closedOn}` : null,
          ]
            .filter(Boolean)
            .join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.supervisors')} span={phone ? 1 : 2}>
          {e.supervisors.length === 0
            ? '—'
            : e.supervisors.map((s) => (
                <div key={`${s.departmentId}-${s.role}`}>
                  {s.departmentName}（{t(ROLE_KEY[s.role])}）
                </div>
              ))}
        </Descriptions.Item>
        {e.note ? (
          <Descriptions.Item label={t('ent.note')} span={phone ? 1 : 2}>
            {e.note}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {office ? (
        <Space
          direction={phone ? 'vertical' : 'horizontal'}
          align="start"
          style={{ marginTop: 16, width: '100%' }}
          wrap
        >
          <Card size="small" title={t('ent.changeStatus')}>
            <Space wrap>
              <Select
                aria-label={t('ent.status')}
                style={{ width: 110 }}
                value={status}
                placeholder={t('ent.status')}
                options={(['operating', 'suspended', 'closed'] as const)
                  .filter((s) => s !== e.status)
                  .map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))}
                onChange={setStatus}
              />
              <DatePicker aria-label={t('ent.statusOn')} value={on} onChange={setOn} />
              <Input
                aria-label={t('ent.reason')}
                placeholder={t('ent.reason')}
                value={reason}
                onChange={(v) => setReason(v.target.value)}
              />
              <Button
                disabled={!status || !on}
                onClick={() =>
                  status && on
                    ? run(
                        () =>
                          changeEnterpriseStatus(e.id, {
                            status,
                            on: on.format('YYYY-MM-DD'),
                            version: e.version,
                            reason,
                          }),
                        t('ent.saved'),
                      )
                    : undefined
                }
              >
                {t('ent.apply')}
              </Button>
            </Space>
          </Card>
          <Card size="small" title={t('ent.bindAccount')}>
            <Space wrap>
              <Input
                aria-label={t('ent.accountName')}
                placeholder={t('ent.accountName')}
                value={account}
                onChange={(v) => setAccount(v.target.value)}
              />
              <Button
                disabled={!account}
                onClick={() => run(() => bindEnterpriseAccount(e.id, account), t('ent.bound'))}
              >
                {t('ent.bind')}
              </Button>
            </Space>
          </Card>
        </Space>
      ) : null}

      <h2 style={{ marginTop: 24 }}>{t('ent.history')}</h2>
      {versions.data ? (
        <Timeline
          items={versions.data.versions.map((v) => ({
            children: (
              <span>
                v{v.version} · {t(`ent.change.${v.change.split(':')[0]}` as 'ent.change.created')} ·{' '}
                {formatTime(v.changedAt)} · {v.actor}
              </span>
            ),
          }))}
        />
      ) : null}
    </div>
  );
}
