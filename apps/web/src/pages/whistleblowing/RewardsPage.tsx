import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Input, InputNumber, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../api/error-text.ts';
import { queryKeys } from '../../api/query.ts';
import {
  decideReward,
  fetchRewards,
  openPayee,
  payReward,
  REWARD_LEDGER_URL,
  type RewardView,
} from '../../api/whistle.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useToast } from '../../components/toast.tsx';
import { useWbT, type WbKey } from './wb-i18n.ts';

/** 举报奖励: proposals to approve (office_admin handlers), claims to pay, the ledger export. No identities here. */
export default function RewardsPage() {
  const t = useWbT();
  const message = useToast();
  const query = useQuery({ queryKey: queryKeys.rewards(), queryFn: ({ signal }) => fetchRewards(signal) });
  const { data } = query;
  const [amount, setAmount] = useState<Record<number, number | null>>({});
  const [note, setNote] = useState<Record<number, string>>({});
  const [paidOn, setPaidOn] = useState<Record<number, Dayjs | null>>({});
  const [payee, setPayee] = useState<Record<number, string>>({});

  // Decisions and payments mark 'whistle' stale: the list refetches.
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('wb.done'));
    } catch (error) {
      message.error(errorText(error, t));
    }
  };

  const actions = (w: RewardView) => {
    if (w.status === 'proposed') {
      return (
        <Space direction="vertical">
          <InputNumber
            aria-label={t('rw.amount')}
            min={0}
            value={amount[w.id] ?? w.computedYuan}
            onChange={(v) => setAmount({ ...amount, [w.id]: v })}
          />
          <Input
            aria-label={t('rw.note')}
            placeholder={t('rw.note')}
            value={note[w.id] ?? ''}
            onChange={(e) => setNote({ ...note, [w.id]: e.target.value })}
          />
          <Space>
            <Button
              type="primary"
              onClick={() =>
                run(() =>
                  decideReward(w.id, {
                    version: w.version,
                    approve: true,
                    amountYuan: amount[w.id] ?? w.computedYuan,
                    ...(note[w.id] ? { note: note[w.id] } : {}),
                  }),
                )
              }
            >
              {t('rw.approve')}
            </Button>
            <Button
              danger
              onClick={() =>
                run(() =>
                  decideReward(w.id, {
                    version: w.version,
                    approve: false,
                    ...(note[w.id] ? { note: note[w.id] } : {}),
                  }),
                )
              }
            >
              {t('rw.refuse')}
            </Button>
          </Space>
        </Space>
      );
    }
    if (w.status === 'approved' || w.status === 'claimed') {
      return (
        <Space direction="vertical">
          {w.status === 'claimed' ? (
            payee[w.id] ? (
              <span data-testid="payee">{payee[w.id]}</span>
            ) : (
              <Button
                onClick={() => run(async () => setPayee({ ...payee, [w.id]: (await openPayee(w.id)).payee ?? '' }))}
              >
                {t('rw.payee')}
              </Button>
            )
          ) : null}
          <Space>
            <DatePicker
              aria-label={t('rw.paidOn')}
              value={paidOn[w.id] ?? null}
              onChange={(d) => setPaidOn({ ...paidOn, [w.id]: d })}
            />
            <Button
              onClick={() =>
                run(() => payReward(w.id, { version: w.version, paidOn: paidOn[w.id]?.format('YYYY-MM-DD') ?? '' }))
              }
            >
              {t('rw.markPaid')}
            </Button>
          </Space>
        </Space>
      );
    }
    return null;
  };

  return (
    <>
      <PageTitle
        title={t('rw.pageTitle')}
        extra={
          <a className="ant-btn" href={REWARD_LEDGER_URL} download>
            {t('rw.export')}
          </a>
        }
      />
      {query.isError ? <ErrorResult error={query.error} onRetry={() => void query.refetch()} /> : null}
      {!data && query.isPending ? <PageSpinner /> : null}
      {data && data.rewards.length === 0 ? <Empty description={t('rw.empty')} /> : null}
      {data && data.rewards.length > 0 ? (
        <Table<RewardView>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={data.rewards}
          columns={[
            { title: t('wb.receipt'), dataIndex: 'receiptCode' },
            {
              title: t('rw.computed'),
              render: (_, w) =>
                `${w.computedYuan} 元（${w.basis === 'fine' ? `${t('wb.fine')} ${w.fineYuan}` : `${t('wb.deaths')} ${w.deaths}`}）`,
            },
            { title: t('rw.amount'), dataIndex: 'amountYuan' },
            { title: t('filter.status'), render: (_, w) => <Tag>{t(`rw.status.${w.status}` as WbKey)}</Tag> },
            { title: t('rw.paidOn'), dataIndex: 'paidOn' },
            { title: '', render: (_, w) => actions(w) },
          ]}
        />
      ) : null}
    </>
  );
}
