import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, type MouseEvent, Suspense, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import type { UserMenuAction } from './UserMenuDropdown.tsx';

// antd's Dropdown (and the Menu inside it) loads at the first click: the closed header needs only its button.
const UserMenuDropdown = lazy(() => import('./UserMenuDropdown.tsx'));

/** The header's account button (name · department) and its menu: change password, sign out. */
export function UserMenu({
  name,
  compact,
  onAction,
}: {
  name: string;
  compact: boolean;
  onAction: (action: UserMenuAction) => void;
}) {
  const t = useT();
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState(false);
  // The button is drawn again (while loading, then inside the Dropdown): give the last one back the keyboard focus.
  const refocus = useRef(false);
  const button = (onClick?: (e: MouseEvent<HTMLElement>) => void, last = false) => (
    <Button
      type="text"
      className="header-button"
      aria-label={t('user.menu')}
      aria-haspopup="menu"
      aria-expanded={open}
      onClick={onClick}
      ref={(el) => {
        if (!el || !refocus.current) return;
        el.focus();
        if (last) refocus.current = false;
      }}
    >
      <UserOutlined />
      {compact ? null : (
        <span className="header-user" data-testid="header-user">
          {name}
        </span>
      )}
      <DownOutlined style={{ fontSize: 10 }} />
    </Button>
  );
  if (!loaded) {
    return button((e) => {
      refocus.current = document.activeElement === e.currentTarget;
      setLoaded(true);
      setOpen(true);
    });
  }
  return (
    <Suspense fallback={button()}>
      <UserMenuDropdown open={open} onOpenChange={setOpen} onAction={onAction}>
        {button(undefined, true)}
      </UserMenuDropdown>
    </Suspense>
  );
}
