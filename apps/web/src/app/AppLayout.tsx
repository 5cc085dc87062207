import {
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  ImportOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Layout, Menu, type MenuProps, Space } from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { ToastProvider } from '../components/toast.tsx';
import { useIsPhone } from '../components/use-media-query.ts';
import { useT } from '../i18n/i18n.tsx';
import { useAuth, useUser } from './auth.tsx';
import { NAV_ITEMS, type NavKey, navFor } from './nav.ts';
import { UnitSwitcher } from './UnitSwitcher.tsx';

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
  const menuItems: MenuProps['items'] = items.map((i) => ({ key: i.path, icon: ICONS[i.key], label: t(i.label) }));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.path] : []}
      items={menuItems}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
    },
  };

  return (
    <ToastProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <Layout.Header className="app-header">
          <Space size={isPhone ? 4 : 12} align="center" style={{ minWidth: 0 }}>
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
          </Space>
          <Space size={isPhone ? 4 : 12} align="center">
            <UnitSwitcher compact={isPhone} />
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="header-button" aria-label={t('user.menu')}>
                <UserOutlined />
                {isPhone ? null : (
                  <span className="header-user" data-testid="header-user">
                    {headerName}
                  </span>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout>
          {isPhone ? null : (
            <Layout.Sider width={224} theme="light" className="app-sider">
              <nav aria-label={t('nav.main')}>{menu}</nav>
            </Layout.Sider>
          )}
          <Layout.Content id="main" tabIndex={-1} className="app-content">
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
            <Suspense fallback={<PageSpinner />}>{forbidden ? <ForbiddenPage /> : <Outlet />}</Suspense>
          </Layout.Content>
        </Layout>
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
      </Layout>
    </ToastProvider>
  );
}
