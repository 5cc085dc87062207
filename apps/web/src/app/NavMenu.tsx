import type { KeyboardEvent, ReactNode } from 'react';
import { Link } from 'react-router';

export interface NavMenuItem {
  path: string;
  icon: ReactNode;
  label: string;
}

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * The main menu (sider, and the phone's drawer): links drawn like antd's inline Menu, without its code (menu
 * engine, overflow, tooltips), which every first screen would otherwise load. One Tab stop, the arrow keys,
 * Home and End move between the entries, Enter opens one (as in antd's Menu).
 */
export function NavMenu({
  items,
  selected,
  onNavigate,
}: {
  items: readonly NavMenuItem[];
  selected: string | undefined;
  onNavigate?: () => void;
}) {
  const tabStop = items.some((i) => i.path === selected) ? selected : items[0]?.path;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEP[e.key];
    if (!step) return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[role="menuitem"]')];
    const from = links.indexOf(document.activeElement as HTMLAnchorElement);
    e.preventDefault();
    links[step(Math.max(from, 0), links.length)]?.focus();
  };
  return (
    <div role="menu" className="nav-menu" onKeyDown={onKeyDown}>
      {items.map((item) => {
        const isSelected = item.path === selected;
        return (
          <Link
            key={item.path}
            role="menuitem"
            to={item.path}
            className={isSelected ? 'nav-menu-item nav-menu-item-selected' : 'nav-menu-item'}
            aria-current={isSelected ? 'page' : undefined}
            tabIndex={item.path === tabStop ? 0 : -1}
            onClick={onNavigate}
          >
            <span className="nav-menu-icon">{item.icon}</span>
            <span className="nav-menu-title">{item.label}</span>
          </Link>
        );
      })}
    </div>
  );
}
