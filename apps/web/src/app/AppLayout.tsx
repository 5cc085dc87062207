import {
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ImportOutlined,
  KeyOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { Children, type CSSProperties, isValidElement, lazy, type ReactNode, Suspense, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { ToastProvider } from '../components/toast.tsx';
import { useIsPhone } from '../components/use-media-query.ts';
import { useT } from '../i18n/i18n.tsx';
import { useAuth, useUser } from './auth.tsx';
import { NavMenu } from './NavMenu.tsx';
import { NAV_ITEMS, type NavKey, navFor } from './nav.ts';
import { PageRoutes } from './page-routes.tsx';
import { UnitSwitcher } from './UnitSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

// Loaded when needed: Modal, Result and Drawer stay out of every first screen.
const NavDrawer = lazy(() => import('./NavDrawer.tsx'));
const ChangePasswordModal = lazy(() => import('../components/ChangePasswordModal.tsx'));
const ForbiddenPage = lazy(() => import('../pages/coming-soon/ForbiddenPage.tsx'));

const ICONS: Record<NavKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  myWork: <ScheduleOutlined />,
  tasks: <ProfileOutlined />,
  import: <ImportOutlined />,
  review: <AuditOutlined />,
  supervision: <BellOutlined />,
  extensions: <CalendarOutlined />,
  returned: <CloudUploadOutlined />,
  bulletins: <NotificationOutlined />,
  users: <TeamOutlined />,
  apiTokens: <KeyOutlined />,
  settings: <KeyOutlined />,
  // Icons already loaded for other entries: the 举报 screens add no icon bytes to every role's layout.
  whistle: <AuditOutlined />,
  rewards: <ProfileOutlined />,
  articles: <NotificationOutlined />,
  enterprises: <TeamOutlined />,
  supervisionList: <AuditOutlined />,
  hazards: <NotificationOutlined />,
  hazardStats: <DashboardOutlined />,
  field: <AuditOutlined />,
  rollupUpper: <ProfileOutlined />,
  rollupSubmit: <CloudUploadOutlined />,
  rollup: <DashboardOutlined />,
};

export default function AppLayout() {
  const t = useT();
  const user = useUser();
  const { logout, switchUnit } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const isPhone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so that closing it animates as before.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);

  const items = navFor(user.role, user.units);
  // The person's name and department (a clerk would say 「张三 · 应急管理局」), not the login name and role.
  const personName = user.displayName || user.username;
  const headerName = user.departmentName ? `${personName} · ${user.departmentName}` : personName;
  const matches = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
  // An occurrence opens from 我的工作 (departments) or from a task (everyone else).
  const occurrenceHome = user.role === 'department' ? 'myWork' : 'tasks';
  const selected =
    items.find((i) => matches(i.path)) ??
    (location.pathname.startsWith('/occurrences/') ? items.find((i) => i.key === occurrenceHome) : undefined);
  // A screen of the menu that this role does not have.
  const forbidden = !selected && NAV_ITEMS.some((i) => matches(i.path));
  const menu = (
    <NavMenu
      items={items.map((i) => ({ path: i.path, icon: ICONS[i.key], label: t(i.label) }))}
      selected={selected?.path}
      onNavigate={() => setDrawerOpen(false)}
    />
  );

  const onUserAction = (action: 'password' | 'logout') => {
    if (action === 'password') setPasswordOpen(true);
    if (action === 'logout') void logout().then(() => navigate('/login', { replace: true }));
  };

  return (
    <ToastProvider>
      <section className="app-layout" style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <HeaderGroup gap={isPhone ? 4 : 12} style={{ minWidth: 0 }}>
            {isPhone ? (
              <Button
                type="text"
                className="header-button"
                icon={<MenuOutlined />}
                aria-label={t('nav.openMenu')}
                aria-expanded={drawerOpen}
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawerOpen(true);
                }}
              />
            ) : null}
            <span className="brand" aria-hidden="true">
              督
            </span>
            <span className="header-title">{isPhone ? t('app.name') : t('app.title')}</span>
          </HeaderGroup>
          <HeaderGroup gap={isPhone ? 4 : 12}>
            <UnitSwitcher compact={isPhone} />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu name={headerName} compact={isPhone} onAction={onUserAction} />
          </HeaderGroup>
        </header>
        <section className={isPhone ? 'app-layout' : 'app-layout app-layout-has-sider'}>
          {isPhone ? null : (
            <aside className="app-sider">
              <nav aria-label={t('nav.main')}>{menu}</nav>
            </aside>
          )}
          <main id="main" tabIndex={-1} className="app-content">
            {user.readOnly && user.unit ? (
              <Alert
                type="info"
                showIcon
                className="read-only-banner"
                data-testid="read-only-banner"
                title={t('unit.readOnly', { name: user.unit.name })}
                action={
                  <Button size="small" onClick={() => void switchUnit(null)}>
                    {t('unit.backHome')}
                  </Button>
                }
                style={{ marginBottom: 12 }}
              />
            ) : null}
            <Suspense fallback={<PageSpinner />}>{forbidden ? <ForbiddenPage /> : <PageRoutes />}</Suspense>
          </main>
        </section>
        {isPhone && drawerUsed ? (
          <Suspense fallback={null}>
            <NavDrawer
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              title={
                <span>
                  {t('app.name')} · {headerName}
                </span>
              }
            >
              <nav aria-label={t('nav.main')}>{menu}</nav>
            </NavDrawer>
          </Suspense>
        ) : null}
        {passwordOpen ? (
          <Suspense fallback={null}>
            <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
          </Suspense>
        ) : null}
        {user.mustChangePassword && !passwordChanged ? (
          <Suspense fallback={null}>
            <ChangePasswordModal open forced onClose={() => setPasswordChanged(true)} />
          </Suspense>
        ) : null}
      </section>
    </ToastProvider>
  );
}

/** A row of header items, laid out as antd's Space (each item in its own box, an empty one takes no room). */
function HeaderGroup({ gap, style, children }: { gap: number; style?: CSSProperties; children: ReactNode }) {
  return (
    <div className="header-group" style={{ gap, ...style }}>
      {Children.toArray(children).map((child, i) => (
        <div className="header-item" key={isValidElement(child) ? child.key : i}>
          {child}
        </div>
      ))}
    </div>
  );
}
