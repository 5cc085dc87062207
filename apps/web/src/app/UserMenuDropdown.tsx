import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { Dropdown } from 'antd';
import type { ReactElement } from 'react';
import { useT } from '../i18n/i18n.tsx';

export type UserMenuAction = 'password' | 'logout';

/** The account menu under the header's button (loaded by UserMenu at the first click). */
export default function UserMenuDropdown({
  open,
  onOpenChange,
  onAction,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAction: (action: UserMenuAction) => void;
  children: ReactElement;
}) {
  const t = useT();
  return (
    <Dropdown
      open={open}
      onOpenChange={onOpenChange}
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
        ],
        onClick: ({ key }) => {
          onOpenChange(false);
          onAction(key as UserMenuAction);
        },
      }}
    >
      {children}
    </Dropdown>
  );
}
