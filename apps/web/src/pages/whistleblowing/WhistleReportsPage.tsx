import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Input, InputNumber, Radio, Segmented, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import {
  attachmentUrl,
  fetchEnterpriseOptions,
  fetchWhistleReports,
  openIdentity,
  proposeReward,
  type WhistleReportView,
  whistleAction,
} from '../../api/whistle.ts';
import { useUser } from '../../app/auth.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useDepartmentRegistry } from '../../components/use-department-registry.ts';
import { useWbT, type WbKey } from './wb-i18n.ts';

const VIEWS = ['open', 'received', 'investigating', 'concluded', 'all'] as const;
type View = (typeof VIEWS)[number];
const OPEN = new Set(['received', 'accepted', 'investigating']);

/**
 * 举报受理: the handler's queue (accept, transfer, duplicate, assign, extend, conclude, reply, reward) and the
 * assigned department's view (read + investigation). The reporter's identity is opened on demand and audited.
 */
export default function WhistleReportsPage() {
  const t = useWbT();
  const user = useUser();
  const [view, setView] = useState<View>('open');
  const [selected, setSelected] = useState<number | null>(null);
  // 'open' is the received, accepted and investigating ones: every report, filtered here.
  const status = view === 'open' || view === 'all' ? null : view;
  const query = useQuery({
    queryKey: queryKeys.whistleReports(status),
    queryFn: ({ signal }) => fetchWhistleReports(status ? { status } : {}, signal),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const list = useMemo(() => (data?.reports ?? []).filter((r) => view !== 'open' || OPEN.has(r.status)), [data, view]);
  const current = list.find((r) => r.id === selected) ?? null;
  const isDepartment = user.role === 'department';

  return (
    <>
      <PageTitle title={t('wb.pageTitle')} />
      <Segmented<View>
        value={view}
        onChange={(v) => {
          setView(v);
          setSelected(null);
        }}
        options={VIEWS.map((v) => ({
          value: v,
          label: v === 'all' ? t('common.all') : v === 'open' ? t('wb.open') : t(`wb.status.${v}` as WbKey),
        }))}
        style={{ marginBottom: 12 }}
      />
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <PageSpinner /> : null}
      {data && list.length === 0 ? <Empty description={t('wb.empty')} /> : null}
      <ul className="inbox-list" aria-label={t('wb.pageTitle')}>
        {list.map((r) => (
          <li key={r.id}>
            <article className="card" data-whistle-id={r.id}>
              <div className="timeline-head">
                <strong>
                  #{r.id} {r.enterpriseName}
                </strong>
                <Tag>{t(`wb.status.${r.status}` as WbKey)}</Tag>
              </div>
              <p className="clamp-2 text-secondary text-small" style={{ margin: '4px 0' }}>
                {t(`wb.cat.${r.category}` as WbKey)} · {r.place} · {r.description}
              </p>
              <p className="text-small text-secondary">
                {t('wb.received')} {r.receivedOn}
                {r.dueOn ? ` · ${t('wb.due')} ${r.dueOn}` : ''}
                {r.feedbackDueOn && !r.feedbackOn ? ` · ${t('wb.feedbackDue')} ${r.feedbackDueOn}` : ''}
              </p>
              <Button size="small" onClick={() => setSelected(selected === r.id ? null : r.id)}>
                {selected === r.id ? t('common.close') : t('wb.details')}
              </Button>
              {current?.id === r.id ? <ReportDetail report={current} isDepartment={isDepartment} /> : null}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

function ReportDetail({ report: r, isDepartment }: { report: WhistleReportView; isDepartment: boolean }) {
  const t = useWbT();
  const message = useToast();
  const registry = useDepartmentRegistry();
  const departments = registry.departments.map((d) => ({ value: d.id, label: d.name }));
  const [identity, setIdentity] = useState<string | null>(null);
  const [text, setText] = useState<Record<string, string>>({});
  const [num, setNum] = useState<Record<string, number | null>>({});
  const [choice, setChoice] = useState<Record<string, string>>({
    conclusion: 'verified',
    basis: 'fine',
    grade: 'general',
  });
  const [busy, setBusy] = useState(false);
  const [enterprises, setEnterprises] = useState<{ value: number; label: string }[]>([]);

  // The handling steps mark 'whistle' stale (and 'hazards': a verified report creates one): the queue refetches.
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      message.success(t('wb.done'));
    } catch (error) {
      message.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const act = (action: string, body: Record<string, unknown>) =>
    run(() => whistleAction(r.id, action, { version: r.version, ...body }));
  const open = OPEN.has(r.status);
  const field = (key: string, label: string, rows = 2) => (
    <div className="field-block">
      <span>{label}</span>
      <Input.TextArea
        aria-label={label}
        rows={rows}
        value={text[key] ?? ''}
        onChange={(e) => setText({ ...text, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <div className="whistle-detail" style={{ marginTop: 12 }}>
      <Descriptions size="small" column={1} bordered>
        {r.receiptCode ? <Descriptions.Item label={t('wb.receipt')}>{r.receiptCode}</Descriptions.Item> : null}
        <Descriptions.Item label={t('wb.description')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{r.description}</span>
        </Descriptions.Item>
        {!isDepartment ? (
          <Descriptions.Item label={t('wb.realName')}>
            {r.anonymous ? t('wb.anonymous') : t('wb.realName')}
            {r.isEmployee ? ` · ${t('wb.employee')}` : ''}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('wb.department')}>
          {departments.find((d) => d.value === r.departmentId)?.label ?? '—'}
        </Descriptions.Item>
        {r.investigation ? (
          <Descriptions.Item label={t('wb.investigation')}>{r.investigation}</Descriptions.Item>
        ) : null}
        {r.conclusion ? (
          <Descriptions.Item label={t('wb.conclusion')}>
            {t(r.conclusion === 'verified' ? 'wb.verified' : 'wb.unfounded')}：{r.conclusionReason}
            {r.hazardId ? ` · ${t('wb.hazardLinked', { id: r.hazardId })}` : ''}
          </Descriptions.Item>
        ) : null}
        {r.publicReply ? <Descriptions.Item label={t('wb.publicReply')}>{r.publicReply}</Descriptions.Item> : null}
      </Descriptions>

      {r.attachments.length > 0 ? (
        <p>
          {t('wb.attachments')}：
          {r.attachments.map((a) => (
            <a key={a.id} href={attachmentUrl(r.id, a.id)} style={{ marginRight: 8 }}>
              {t(a.kind === 'photo' ? 'wb.photo' : 'wb.video')} {a.mime} ({Math.round(a.size / 1024)} KB)
            </a>
          ))}
        </p>
      ) : null}

      {!isDepartment && r.hasIdentity ? (
        <Card size="small" style={{ margin: '8px 0' }}>
          {identity ? (
            <p data-testid="identity">{identity}</p>
          ) : (
            <Space direction="vertical">
              <span className="text-secondary text-small">{t('wb.identityNote')}</span>
              <Button
                danger
                onClick={() =>
                  run(async () => {
                    const id = await openIdentity(r.id);
                    setIdentity(
                      id.name || id.contact
                        ? t('wb.identity', { name: id.name ?? '', contact: id.contact ?? '' })
                        : t('wb.noIdentity'),
                    );
                  })
                }
              >
                {t('wb.openIdentity')}
              </Button>
            </Space>
          )}
        </Card>
      ) : null}

      {open && (r.status !== 'received' || isDepartment) ? (
        <Card size="small" title={t('wb.investigation')} style={{ margin: '8px 0' }}>
          {field('investigation', t('wb.investigation'), 3)}
          <Button disabled={busy} onClick={() => act('investigation', { text: text.investigation ?? '' })}>
            {t('wb.saveInvestigation')}
          </Button>
        </Card>
      ) : null}

      {!isDepartment && r.status === 'received' ? (
        <Card size="small" title={t('wb.accept')} style={{ margin: '8px 0' }}>
          <Space wrap>
            <Select
              aria-label={t('wb.department')}
              style={{ minWidth: 200 }}
              allowClear
              placeholder={t('wb.department')}
              options={departments}
              value={num.department ?? undefined}
              onChange={(v) => setNum({ ...num, department: v ?? null })}
            />
            <Button
              type="primary"
              disabled={busy}
              onClick={() => act('accept', num.department ? { departmentId: num.department } : {})}
            >
              {t('wb.accept')}
            </Button>
          </Space>
          {field('transferTo', t('wb.transferTo'), 1)}
          {field('transferReply', t('wb.publicReply'))}
          <Button
            disabled={busy}
            onClick={() =>
              act('transfer', { transferTo: text.transferTo ?? '', publicReply: text.transferReply ?? '' })
            }
          >
            {t('wb.transfer')}
          </Button>
          <Space wrap style={{ marginTop: 8 }}>
            <InputNumber
              aria-label={t('wb.duplicateOf')}
              placeholder={t('wb.duplicateOf')}
              min={1}
              value={num.duplicateOf ?? null}
              onChange={(v) => setNum({ ...num, duplicateOf: v })}
            />
            <Button disabled={busy} onClick={() => act('duplicate', { duplicateOf: num.duplicateOf })}>
              {t('wb.duplicate')}
            </Button>
          </Space>
        </Card>
      ) : null}

      {!isDepartment && (r.status === 'accepted' || r.status === 'investigating') ? (
        <Card size="small" title={t('wb.conclude')} style={{ margin: '8px 0' }}>
          <Space wrap>
            <Select
              aria-label={t('wb.assign')}
              style={{ minWidth: 200 }}
              placeholder={t('wb.department')}
              options={departments}
              value={num.assign ?? undefined}
              onChange={(v) => setNum({ ...num, assign: v ?? null })}
            />
            <Button disabled={busy} onClick={() => act('assign', { departmentId: num.assign })}>
              {t('wb.assign')}
            </Button>
            <InputNumber
              aria-label={t('wb.extendDays')}
              placeholder={t('wb.extendDays')}
              min={1}
              max={30}
              value={num.extendDays ?? null}
              onChange={(v) => setNum({ ...num, extendDays: v })}
            />
          </Space>
          {field('extendReason', `${t('wb.extend')} · ${t('wb.reason')}`, 1)}
          <Button
            disabled={busy}
            onClick={() => act('extend', { days: num.extendDays, reason: text.extendReason ?? '' })}
          >
            {t('wb.extend')}
          </Button>
          <div style={{ marginTop: 12 }}>
            <Radio.Group
              aria-label={t('wb.conclusion')}
              value={choice.conclusion}
              onChange={(e) => setChoice({ ...choice, conclusion: e.target.value as string })}
              options={[
                { value: 'verified', label: t('wb.verified') },
                { value: 'unfounded', label: t('wb.unfounded') },
              ]}
            />
            {choice.conclusion === 'verified' ? (
              <Select
                aria-label={t('wb.linkEnterprise')}
                placeholder={t('wb.linkEnterprise')}
                style={{ minWidth: 260, margin: '8px 0' }}
                showSearch
                filterOption={false}
                allowClear
                options={enterprises}
                value={num.enterprise ?? undefined}
                onSearch={(q) => {
                  fetchEnterpriseOptions(q).then(
                    (res) => setEnterprises(res.enterprises.map((e) => ({ value: e.id, label: e.name }))),
                    () => setEnterprises([]),
                  );
                }}
                onChange={(v) => setNum({ ...num, enterprise: v ?? null })}
              />
            ) : null}
            {field('reason', t('wb.reason'))}
            {field('reply', t('wb.publicReply'))}
            <Button
              type="primary"
              disabled={busy}
              onClick={() =>
                act('conclude', {
                  conclusion: choice.conclusion,
                  reason: text.reason ?? '',
                  ...(text.reply ? { publicReply: text.reply } : {}),
                  ...(choice.conclusion === 'verified' && num.enterprise ? { enterpriseId: num.enterprise } : {}),
                })
              }
            >
              {t('wb.conclude')}
            </Button>
          </div>
        </Card>
      ) : null}

      {!isDepartment && !open ? (
        <Card size="small" title={t('wb.reply')} style={{ margin: '8px 0' }}>
          {field('lateReply', t('wb.publicReply'))}
          <Button disabled={busy} onClick={() => act('reply', { publicReply: text.lateReply ?? '' })}>
            {t('wb.reply')}
          </Button>
        </Card>
      ) : null}

      {!isDepartment && r.status === 'concluded' && r.conclusion === 'verified' && !r.reward ? (
        <Card size="small" title={t('wb.reward')} style={{ margin: '8px 0' }}>
          <Radio.Group
            value={choice.basis}
            onChange={(e) => setChoice({ ...choice, basis: e.target.value as string })}
            options={[
              { value: 'fine', label: t('wb.basis.fine') },
              { value: 'concealed_accident', label: t('wb.basis.concealed') },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            {choice.basis === 'fine' ? (
              <InputNumber
                aria-label={t('wb.fine')}
                placeholder={t('wb.fine')}
                min={0}
                value={num.fine ?? null}
                onChange={(v) => setNum({ ...num, fine: v })}
              />
            ) : (
              <>
                <InputNumber
                  aria-label={t('wb.deaths')}
                  placeholder={t('wb.deaths')}
                  min={1}
                  value={num.deaths ?? null}
                  onChange={(v) => setNum({ ...num, deaths: v })}
                />
                <Select
                  aria-label={t('wb.grade')}
                  style={{ minWidth: 140 }}
                  value={choice.grade}
                  onChange={(v) => setChoice({ ...choice, grade: v })}
                  options={[
                    { value: 'general', label: '一般事故' },
                    { value: 'larger', label: '较大事故' },
                    { value: 'major', label: '重大事故' },
                    { value: 'especially_major', label: '特别重大事故' },
                  ]}
                />
              </>
            )}
            <Button
              type="primary"
              disabled={busy}
              onClick={() =>
                run(() =>
                  proposeReward(
                    r.id,
                    choice.basis === 'fine'
                      ? { basis: 'fine', fineYuan: num.fine ?? 0 }
                      : { basis: 'concealed_accident', deaths: num.deaths ?? 1, grade: choice.grade },
                  ),
                )
              }
            >
              {t('wb.reward')}
            </Button>
          </Space>
        </Card>
      ) : null}
      {r.reward ? (
        <p>
          {t('rw.pageTitle')}：{r.reward.amountYuan} 元 · {t(`rw.status.${r.reward.status}` as WbKey)}
        </p>
      ) : null}
    </div>
  );
}
