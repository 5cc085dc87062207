import { HAZARD_CHANNELS, HAZARD_LEVELS, HAZARD_STATUSES } from '@duban/shared/hazards/hazard-workflow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fetchHazards, type ListHazardsParams, type ListHazardsResponse } from '../../api/hazards.ts';
import { queryKeys } from '../../api/query.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/use-media-query.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { channelLabel, levelLabel, STATUS_COLOR, statusLabel } from './hazard-labels.ts';

type Item = ListHazardsResponse['items'][number];
const PAGE = 50;
const YEARS = [2026, 2025, 2024, 2023, 2022];

/** 隐患台账: filters by status, level, channel, year, overdue, listed and the 2023 stock; phone shows a list. */
export default function HazardsPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [f, setF] = useState<ListHazardsParams>({ limit: PAGE, offset: 0 });
  const query = useQuery({
    queryKey: queryKeys.hazardList(f),
    queryFn: ({ signal }) => fetchHazards(f, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const set = (patch: Partial<ListHazardsParams>) => setF({ ...f, ...patch, offset: 0 });
  const canReport = user.role !== 'leader';

  const tags = (h: Item) => (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[h.status]}>{statusLabel(h.status, lang)}</Tag>
      {h.level === 'major' ? <Tag color="red">{levelLabel(h.level, lang)}</Tag> : null}
      {h.listed ? <Tag color="volcano">{t('hz.listed')}</Tag> : null}
      {h.overdue ? <Tag color="error">{t('hz.overdue')}</Tag> : null}
      {h.demo ? <Tag>{t('hz.demo')}</Tag> : null}
    </Space>
  );

  return (
    <div>
      <PageTitle
        title={t('hz.pageTitle')}
        extra={
          <Space wrap>
            <Link to="/hazards/stats">{t('nav.hazardStats')}</Link>
            {canReport ? (
              <Button type="primary" onClick={() => navigate('/hazards/new')}>
                {t('hz.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('hz.search')}
          placeholder={t('hz.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v || undefined })}
          style={{ width: phone ? '100%' : 260 }}
        />
        <Select
          aria-label={t('hz.status')}
          placeholder={t('hz.status')}
          allowClear
          style={{ width: 130 }}
          value={f.status}
          options={HAZARD_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))}
          onChange={(v) => set({ status: v })}
        />
        <Select
          aria-label={t('hz.level')}
          placeholder={t('hz.level')}
          allowClear
          style={{ width: 110 }}
          value={f.level}
          options={HAZARD_LEVELS.map((s) => ({ value: s, label: levelLabel(s, lang) }))}
          onChange={(v) => set({ level: v })}
        />
        <Select
          aria-label={t('hz.channel')}
          placeholder={t('hz.channel')}
          allowClear
          style={{ width: 140 }}
          value={f.channel}
          options={HAZARD_CHANNELS.map((s) => ({ value: s, label: channelLabel(s, lang) }))}
          onChange={(v) => set({ channel: v })}
        />
        <Select
          aria-label={t('hz.year')}
          placeholder={t('hz.year')}
          allowClear
          style={{ width: 110 }}
          value={f.year}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          onChange={(v) => set({ year: v })}
        />
        <Checkbox checked={f.overdue === '1'} onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}>
          {t('hz.onlyOverdue')}
        </Checkbox>
        <Checkbox checked={f.listed === '1'} onChange={(e) => set({ listed: e.target.checked ? '1' : undefined })}>
          {t('hz.onlyListed')}
        </Checkbox>
        <Checkbox checked={f.stock === '1'} onChange={(e) => set({ stock: e.target.checked ? '1' : undefined })}>
          {t('hz.onlyStock')}
        </Checkbox>
      </Space>
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data ? (
        query.isPending ? (
          <PageSpinner />
        ) : null
      ) : phone ? (
        <List
          dataSource={data.items}
          locale={{ emptyText: t('hz.notFound') }}
          renderItem={(h) => (
            <List.Item key={h.id}>
              <List.Item.Meta
                title={<Link to={`/hazards/${h.id}`}>{h.enterpriseName}</Link>}
                description={
                  <div>
                    <div>
                      {h.place}：{h.description}
                    </div>
                    <div className="muted">
                      {h.foundOn} · {channelLabel(h.channel, lang)}
                      {h.timeLimit ? ` · ${t('hz.timeLimit')} ${h.timeLimit}` : ''}
                    </div>
                    {tags(h)}
                  </div>
                }
              />
            </List.Item>
          )}
          pagination={{
            current: (f.offset ?? 0) / PAGE + 1,
            pageSize: PAGE,
            total: data.total,
            onChange: (p) => setF({ ...f, offset: (p - 1) * PAGE }),
          }}
        />
      ) : (
        <Table<Item>
          rowKey="id"
          size="middle"
          dataSource={data.items}
          loading={query.isFetching}
          locale={{ emptyText: t('hz.notFound') }}
          pagination={{
            current: (f.offset ?? 0) / PAGE + 1,
            pageSize: PAGE,
            total: data.total,
            showTotal: (n) => t('hz.total', { n: data.totalCapped ? `${n}+` : n }),
            showSizeChanger: false,
            onChange: (p) => setF({ ...f, offset: (p - 1) * PAGE }),
          }}
          columns={[
            {
              title: t('hz.enterprise'),
              dataIndex: 'enterpriseName',
              render: (v, h) => <Link to={`/hazards/${h.id}`}>{v}</Link>,
            },
            { title: t('hz.place'), dataIndex: 'place', width: 140 },
            { title: t('hz.description'), dataIndex: 'description', ellipsis: true },
            { title: t('hz.channel'), dataIndex: 'channel', width: 120, render: (v) => channelLabel(v, lang) },
            { title: t('hz.foundOn'), dataIndex: 'foundOn', width: 110 },
            { title: t('hz.timeLimit'), dataIndex: 'timeLimit', width: 110 },
            { title: t('hz.status'), key: 'tags', width: 220, render: (_v, h) => tags(h) },
          ]}
        />
      )}
    </div>
  );
}
