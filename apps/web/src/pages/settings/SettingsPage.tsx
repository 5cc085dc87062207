import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { UserRole } from '../../api/contracts.ts';
import { useUser } from '../../app/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

interface Entry {
  path: string;
  title: MessageKey;
  desc: MessageKey;
  roles: readonly UserRole[];
}

const OFFICE: readonly UserRole[] = ['office_admin', 'office_staff'];

/** Every setting that an office maintains, in one menu: each entry opens its own page. */
export const SETTINGS_ENTRIES: readonly Entry[] = [
  { path: '/settings/channels', title: 'settings.channels', desc: 'settings.channels.desc', roles: OFFICE },
  { path: '/settings/reminders', title: 'settings.reminders', desc: 'settings.reminders.desc', roles: OFFICE },
  {
    path: '/settings/feeds',
    title: 'settings.feeds',
    desc: 'settings.feeds.desc',
    roles: [...OFFICE, 'leader', 'department'],
  },
  { path: '/settings/holidays', title: 'settings.holidays', desc: 'settings.holidays.desc', roles: OFFICE },
  { path: '/settings/hazards', title: 'settings.hazards', desc: 'settings.hazards.desc', roles: OFFICE },
  { path: '/settings/tokens', title: 'nav.apiTokens', desc: 'settings.tokens.desc', roles: ['office_admin'] },
  { path: '/users', title: 'settings.departments', desc: 'settings.departments.desc', roles: OFFICE },
  { path: '/users', title: 'settings.users', desc: 'settings.users.desc', roles: OFFICE },
];

export default function SettingsPage() {
  const t = useT();
  const me = useUser();
  const entries = SETTINGS_ENTRIES.filter((e) => e.roles.includes(me.role));
  return (
    <>
      <PageTitle title={t('settings.title')} />
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      <Card size="small">
        <List
          dataSource={entries}
          renderItem={(e) => (
            <List.Item key={e.title}>
              <List.Item.Meta title={<Link to={e.path}>{t(e.title)}</Link>} description={t(e.desc)} />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
