import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { fetchNotifications } from '../api/notifications.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * The header's bell: the unread count (asked again every minute and after every read), opens the list. The count is
 * drawn like antd's small Badge (global.css), without its code: the bell is on every first screen.
 */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { data } = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => fetchNotifications({ unreadOnly: true, limit: 1 }, signal),
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
  const unread = data?.unread ?? 0;
  return (
    <Button
      type="text"
      className="header-button notification-bell"
      aria-label={t('notif.bell', { n: unread })}
      data-unread={unread}
      onClick={() => navigate('/notifications')}
    >
      <span className="bell-badge">
        <BellOutlined style={{ fontSize: 18, color: 'inherit' }} />
        {unread > 0 ? (
          <sup className={unread > 9 ? 'bell-count bell-count-wide' : 'bell-count'} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </sup>
        ) : null}
      </span>
    </Button>
  );
}
