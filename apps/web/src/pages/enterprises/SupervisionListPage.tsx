import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { fetchSupervisionList, type SupervisionListResponse, supervisionListExportUrl } from '../../api/enterprises.ts';
import { queryKeys } from '../../api/query.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { STATUS_COLOR, STATUS_KEY } from './enterprise-labels.ts';

type Row = SupervisionListResponse['rows'][number];
const PAGE = 100;

/** 安全生产监管责任清单 (task 10): generated from the registry; exports in the official layout; also public. */
export default function SupervisionListPage() {
  const t = useT();
  const phone = useIsPhone();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const params = { q: q || undefined, limit: PAGE, offset };
  const query = useQuery({
    queryKey: queryKeys.supervisionList(params),
    queryFn: ({ signal }) => fetchSupervisionList(params, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const rows = data?.rows ?? [];
  const pagination = {
    pageSize: PAGE,
    total: data?.total ?? 0,
    current: offset / PAGE + 1,
    onChange: (p: number) => setOffset((p - 1) * PAGE),
  };
  if (query.isError && !data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!data) return <PageSpinner />;
  const join = (xs: string[]) => (xs.length > 0 ? xs.join('、') : '—');
  return (
    <div>
      <PageTitle
        title={data.title}
        extra={
          <Space wrap>
            <Button href={supervisionListExportUrl('xlsx')}>{t('ent.list.xlsx')}</Button>
            <Button href={supervisionListExportUrl('pdf')}>{t('ent.list.pdf')}</Button>
            <a href="/api/public/supervision-list" target="_blank" rel="noreferrer">
              {t('ent.list.public')}
            </a>
          </Space>
        }
      />
      <p className="muted" data-testid="list-meta">
        {t('ent.list.meta', { asOf: data.asOf, n: data.total })}
      </p>
      <Input.Search
        aria-label={t('ent.search')}
        placeholder={t('ent.search')}
        allowClear
        onSearch={(v) => {
          setQ(v.trim());
          setOffset(0);
        }}
        style={{ width: phone ? '100%' : 320, marginBottom: 12 }}
      />
      {phone ? (
        <List
          dataSource={rows}
          pagination={{ ...pagination, simple: true }}
          renderItem={(r) => (
            <List.Item>
              <Card
                size="small"
                style={{ width: '100%' }}
                title={`${r.seq}. ${r.name}`}
                extra={<Tag color={STATUS_COLOR[r.status]}>{t(STATUS_KEY[r.status])}</Tag>}
              >
                <div className="muted">{r.creditCode}</div>
                <div>{[join(r.industries), r.locality].filter(Boolean).join(' · ')}</div>
                <div>
                  {t('ent.role.industry')}：{join(r.industrySupervisors)}
                </div>
                <div>
                  {t('ent.role.territorial')}：{join(r.territorialSupervisors)}
                </div>
                <div>
                  {t('ent.role.comprehensive')}：{join(r.comprehensiveSupervisors)}
                </div>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="seq"
          size="small"
          bordered
          dataSource={rows}
          pagination={{ ...pagination, showSizeChanger: false }}
          columns={[
            { title: t('ent.list.seq'), dataIndex: 'seq', width: 60 },
            { title: t('ent.name'), dataIndex: 'name' },
            { title: t('ent.creditCode'), dataIndex: 'creditCode', width: 190 },
            { title: t('ent.locality'), dataIndex: 'locality', width: 100 },
            { title: t('ent.industry'), key: 'i', render: (_, r) => join(r.industries) },
            { title: t('ent.role.industry'), key: 'a', render: (_, r) => join(r.industrySupervisors) },
            { title: t('ent.role.territorial'), key: 'b', render: (_, r) => join(r.territorialSupervisors) },
            { title: t('ent.role.comprehensive'), key: 'c', render: (_, r) => join(r.comprehensiveSupervisors) },
            {
              title: t('ent.status'),
              key: 's',
              width: 80,
              render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(STATUS_KEY[r.status])}</Tag>,
            },
          ]}
        />
      )}
    </div>
  );
}
