import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
} from '../../api/notifications.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatTime } from '../../components/time.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

const PAGE = 50;

const KIND_LABEL: Record<string, MessageKey> = {
  reminder: 'notif.kind.reminder',
  urge: 'notif.kind.urge',
  notice: 'notif.kind.notice',
  interview: 'notif.kind.interview',
  returned: 'notif.kind.returned',
  digest: 'notif.kind.digest',
  hazard_listed: 'notif.kind.hazardListed',
  hazard_remind: 'notif.kind.hazardLimit',
  hazard_due: 'notif.kind.hazardLimit',
  hazard_overdue: 'notif.kind.hazardOverdue',
};

const KIND_COLOR: Record<string, string> = {
  reminder: 'blue',
  urge: 'orange',
  notice: 'red',
  interview: 'magenta',
  returned: 'gold',
  digest: 'geekblue',
  hazard_listed: 'red',
  hazard_remind: 'blue',
  hazard_due: 'orange',
  hazard_overdue: 'red',
};

/** 通知: what happened to this account's work (reminders, 催办, 督办单, returned reports), newest first. */
export default function NotificationsPage() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pages, setPages] = useState(1);
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['notifications', 'list', unreadOnly, pages],
    queryFn: ({ signal }) => fetchNotifications({ unreadOnly, limit: PAGE * pages }, signal),
  });
  const [busy, setBusy] = useState(false);

  const readAll = async () => {
    setBusy(true);
    try {
      await markAllNotificationsRead();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle
        title={t('notif.title')}
        extra={
          <Button onClick={() => void readAll()} loading={busy} disabled={!data || data.unread === 0}>
            {t('notif.markAll')}
          </Button>
        }
      />
      <section className="filter-bar" aria-label={t('filter.title')}>
        <Segmented<'all' | 'unread'>
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setPages(1);
            setUnreadOnly(v === 'unread');
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: t('notif.unreadOnly') },
          ]}
        />
        {data ? (
          <p className="text-secondary" style={{ margin: 0, alignSelf: 'center' }} aria-live="polite">
            {t('notif.summary', { total: data.total, unread: data.unread })}
          </p>
        ) : null}
      </section>
      {error ? <ErrorResult error={error} onRetry={() => void refetch()} /> : null}
      {isPending ? <PageSpinner /> : null}
      {data && data.notifications.length === 0 ? <Empty description={t('notif.empty')} /> : null}
      <ul className="notification-list" aria-label={t('notif.title')}>
        {data?.notifications.map((n) => (
          <NotificationCard key={n.id} n={n} />
        ))}
      </ul>
      {data && data.notifications.length >= PAGE * pages && data.notifications.length < data.total ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => setPages((p) => p + 1)}>
            {t('common.more', { n: data.total - data.notifications.length })}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function NotificationCard({ n }: { n: Notification }) {
  const t = useT();
  const unread = n.readAt === null;
  const read = () => (unread ? void markNotificationRead(n.id) : undefined);
  return (
    <li>
      <article className={`card notification-card${unread ? ' notification-unread' : ''}`} data-notification-id={n.id}>
        <div className="notification-head">
          <Tag color={KIND_COLOR[n.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {t(KIND_LABEL[n.kind] ?? 'notif.kind.other')}
          </Tag>
          {unread ? (
            <>
              <span className="notification-dot" aria-hidden="true" />
              <span className="visually-hidden">{t('notif.unread')}</span>
            </>
          ) : null}
          <span className="text-secondary text-small">{formatTime(n.createdAt)}</span>
        </div>
        <h2 className="notification-title">{n.title}</h2>
        <p className="notification-body">{n.body}</p>
        <div className="notification-foot">
          {n.occurrenceId !== null ? (
            <Link to={`/occurrences/${n.occurrenceId}`} onClick={read}>
              {t('notif.open')} ›
            </Link>
          ) : null}
          {unread ? (
            <Button size="small" type="link" onClick={read}>
              {t('notif.markRead')}
            </Button>
          ) : null}
        </div>
      </article>
    </li>
  );
}
