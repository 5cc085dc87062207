import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  fetchCatalogue,
  fetchEnterprises,
  type ListEnterprisesParams,
  type ListEnterprisesResponse,
} from '../../api/enterprises.ts';
import { queryKeys } from '../../api/query.ts';
import { isOfficeRole, useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { RISK_COLOR, ROLE_KEY, STATUS_COLOR, STATUS_KEY } from './enterprise-labels.ts';

type Item = ListEnterprisesResponse['enterprises'][number];
const PAGE = 50;

/** 企业名录: search and filter; office adds and imports; a department sees what it supervises, an enterprise itself. */
export default function EnterprisesPage() {
  const t = useT();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const office = isOfficeRole(user.role);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<ListEnterprisesParams>({ limit: PAGE, offset: 0 });
  const query = useQuery({
    queryKey: queryKeys.enterpriseList(filters),
    queryFn: ({ signal }) => fetchEnterprises(filters, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const catalogue = useQuery({
    queryKey: queryKeys.enterpriseCatalogue(),
    queryFn: ({ signal }) => fetchCatalogue(signal),
  });
  const industries = (catalogue.data?.items ?? []).filter((c) => c.kind === 'industry');

  const statusTag = (e: Item) => <Tag color={STATUS_COLOR[e.status]}>{t(STATUS_KEY[e.status])}</Tag>;
  const supervisors = (e: Item) =>
    e.supervisors.map((s) => (
      <div key={`${s.departmentId}-${s.role}`}>
        {s.departmentName}
        <span className="muted">（{t(ROLE_KEY[s.role])}）</span>
      </div>
    ));

  return (
    <div>
      <PageTitle
        title={t('ent.pageTitle')}
        extra={
          <Space wrap>
            <Link to="/supervision-list">{t('ent.listLink')}</Link>
            {office ? (
              <>
                <Button onClick={() => navigate('/enterprises/import')}>{t('ent.import')}</Button>
                <Button type="primary" onClick={() => navigate('/enterprises/new')}>
                  {t('ent.new')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('ent.search')}
          placeholder={t('ent.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters({ ...filters, q: v || undefined, offset: 0 })}
          style={{ width: phone ? '100%' : 280 }}
        />
        <Select
          aria-label={t('ent.industry')}
          placeholder={t('ent.industry')}
          allowClear
          style={{ width: 160 }}
          value={filters.industry}
          options={industries.map((c) => ({ value: c.code, label: c.name }))}
          onChange={(v) => setFilters({ ...filters, industry: v, offset: 0 })}
        />
        <Select
          aria-label={t('ent.status')}
          placeholder={t('ent.status')}
          allowClear
          style={{ width: 120 }}
          value={filters.status}
          options={(['operating', 'suspended', 'closed'] as const).map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))}
          onChange={(v) => setFilters({ ...filters, status: v, offset: 0 })}
        />
      </Space>
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <PageSpinner /> : null}
      {data ? (
        <>
          <p className="muted" data-testid="enterprise-count">
            {t('ent.count', { n: data.total })}
          </p>
          {phone ? (
            <List
              dataSource={data.enterprises}
              pagination={{
                pageSize: PAGE,
                total: data.total,
                current: (filters.offset ?? 0) / PAGE + 1,
                onChange: (p) => setFilters({ ...filters, offset: (p - 1) * PAGE }),
                simple: true,
              }}
              renderItem={(e) => (
                <List.Item>
                  <Card
                    size="small"
                    style={{ width: '100%' }}
                    title={<Link to={`/enterprises/${e.id}`}>{e.name}</Link>}
                    extra={statusTag(e)}
                  >
                    <div className="muted">{e.creditCode}</div>
                    <div>{[e.industries.map((i) => i.name).join('、'), e.locality].filter(Boolean).join(' · ')}</div>
                    <Space size={4} wrap>
                      {e.highRisk ? <Tag color="red">{t('ent.highRisk')}</Tag> : null}
                      {e.riskClass ? <Tag color={RISK_COLOR[e.riskClass.code]}>{e.riskClass.name}</Tag> : null}
                      {e.tags.map((g) => (
                        <Tag key={g.code}>{g.name}</Tag>
                      ))}
                      {e.demo ? <Tag>{t('ent.demo')}</Tag> : null}
                    </Space>
                    <div style={{ marginTop: 4 }}>{supervisors(e)}</div>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Item>
              rowKey="id"
              size="middle"
              dataSource={data.enterprises}
              pagination={{
                pageSize: PAGE,
                total: data.total,
                current: (filters.offset ?? 0) / PAGE + 1,
                onChange: (p) => setFilters({ ...filters, offset: (p - 1) * PAGE }),
                showSizeChanger: false,
              }}
              columns={[
                {
                  title: t('ent.name'),
                  key: 'name',
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                      <span className="muted">{e.creditCode}</span>
                    </Space>
                  ),
                },
                {
                  title: t('ent.industry'),
                  key: 'industries',
                  render: (_, e) => e.industries.map((i) => i.name).join('、'),
                },
                { title: t('ent.locality'), dataIndex: 'locality' },
                {
                  title: t('ent.risk'),
                  key: 'risk',
                  render: (_, e) => (
                    <Space size={4} wrap>
                      {e.highRisk ? <Tag color="red">{t('ent.highRisk')}</Tag> : null}
                      {e.riskClass ? <Tag color={RISK_COLOR[e.riskClass.code]}>{e.riskClass.name}</Tag> : null}
                      {e.tags.map((g) => (
                        <Tag key={g.code}>{g.name}</Tag>
                      ))}
                    </Space>
                  ),
                },
                { title: t('ent.supervisors'), key: 'supervisors', render: (_, e) => supervisors(e) },
                {
                  title: t('ent.status'),
                  key: 'status',
                  render: (_, e) => (
                    <Space size={4}>
                      {statusTag(e)}
                      {e.demo ? <Tag>{t('ent.demo')}</Tag> : null}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </>
      ) : null}
    </div>
  );
}
