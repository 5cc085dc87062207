import type { UserRole } from '../api/contracts.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

export type NavKey =
  | 'tasks'
  | 'import'
  | 'returned'
  | 'review'
  | 'supervision'
  | 'extensions'
  | 'bulletins'
  | 'users'
  | 'apiTokens'
  | 'settings'
  | 'myWork'
  | 'dashboard'
  | 'whistle'
  | 'rewards'
  | 'articles'
  | 'enterprises'
  | 'supervisionList'
  | 'hazards'
  | 'hazardStats'
  | 'field'
  | 'rollupUpper'
  | 'rollupSubmit'
  | 'rollup';

export interface NavItem {
  key: NavKey;
  path: string;
  label: MessageKey;
  roles: readonly UserRole[];
}

const OFFICE: readonly UserRole[] = ['office_admin', 'office_staff'];

/** Every screen behind sign-in, in menu order, with the roles that see it. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/dashboard', label: 'nav.dashboard', roles: ['leader', ...OFFICE] },
  { key: 'myWork', path: '/my-work', label: 'nav.myWork', roles: ['department'] },
  { key: 'tasks', path: '/tasks', label: 'nav.tasks', roles: [...OFFICE, 'leader', 'department'] },
  { key: 'import', path: '/import', label: 'nav.import', roles: OFFICE },
  { key: 'returned', path: '/returned', label: 'nav.returned', roles: [...OFFICE, 'department'] },
  { key: 'review', path: '/review', label: 'nav.review', roles: OFFICE },
  { key: 'supervision', path: '/supervision', label: 'nav.supervision', roles: OFFICE },
  { key: 'extensions', path: '/extensions', label: 'nav.extensions', roles: OFFICE },
  { key: 'bulletins', path: '/bulletins', label: 'nav.bulletins', roles: [...OFFICE, 'leader', 'department'] },
  { key: 'users', path: '/users', label: 'nav.users', roles: OFFICE },
  { key: 'apiTokens', path: '/settings/tokens', label: 'nav.apiTokens', roles: ['office_admin'] },
  { key: 'settings', path: '/settings', label: 'nav.settings', roles: [...OFFICE, 'leader', 'department'] },
  { key: 'whistle', path: '/whistle', label: 'nav.whistle', roles: [...OFFICE, 'department'] },
  { key: 'rewards', path: '/rewards', label: 'nav.rewards', roles: OFFICE },
  { key: 'articles', path: '/articles', label: 'nav.articles', roles: OFFICE },
  {
    key: 'enterprises',
    path: '/enterprises',
    label: 'nav.enterprises',
    roles: [...OFFICE, 'leader', 'department', 'enterprise'],
  },
  {
    key: 'supervisionList',
    path: '/supervision-list',
    label: 'nav.supervisionList',
    roles: [...OFFICE, 'leader', 'department'],
  },
  {
    key: 'hazards',
    path: '/hazards',
    label: 'nav.hazards',
    roles: [...OFFICE, 'leader', 'department', 'enterprise'],
  },
  { key: 'hazardStats', path: '/hazards/stats', label: 'nav.hazardStats', roles: [...OFFICE, 'leader', 'department'] },
  { key: 'field', path: '/field', label: 'nav.field', roles: [...OFFICE, 'department'] },
  // Issue 16. 上级任务 and 上报 come before 下级单位: the first item whose path matches is the selected one.
  { key: 'rollupUpper', path: '/rollup/upper', label: 'nav.rollupUpper', roles: [...OFFICE, 'leader'] },
  { key: 'rollupSubmit', path: '/rollup/submit', label: 'nav.rollupSubmit', roles: OFFICE },
  { key: 'rollup', path: '/rollup', label: 'nav.rollup', roles: [...OFFICE, 'leader'] },
];

/**
 * The menu of a role. 下级单位 (the roll-up) only for an account whose unit has units below it: `units` is the
 * account's own unit and every unit below it (/api/auth/me), so a zone without children has one.
 */
export function navFor(role: UserRole, units: readonly unknown[] = []): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (item.key !== 'rollup' || units.length > 1));
}

/**
 * A city or province: its zone-level screens (tasks, dashboard) read its own (本级) list, which it may not have
 * imported; their empty state then says so and points to the import and to 下级单位.
 */
export function isUpperLevel(unit: { level: string } | undefined): boolean {
  return unit?.level === 'city' || unit?.level === 'province';
}

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`no nav item ${key}`);
  return item;
}

/** Where a role lands after signing in. */
export function homePath(role: UserRole): string {
  if (role === 'leader') return '/dashboard';
  if (role === 'department') return '/my-work';
  if (role === 'enterprise') return '/enterprises';
  return '/tasks';
}
