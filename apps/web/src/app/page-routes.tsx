import { lazy } from 'react';
import { Navigate, type RouteObject, useRoutes } from 'react-router';
import { useUser } from './auth.tsx';
import { homePath } from './nav.ts';

// Every screen behind sign-in, loaded on demand. They are imported from here, inside the layout's chunk, so the
// bundler knows the layout is loaded wherever a page is: what a page shares with the layout (antd's Button, Select,
// Alert…) comes from the layout's chunk instead of a dozen small common chunks on every first screen.
const TaskListPage = lazy(() => import('../pages/tasks/TaskListPage.tsx'));
const ImportWizardPage = lazy(() => import('../pages/import/ImportWizardPage.tsx'));
const UsersPage = lazy(() => import('../pages/users/UsersPage.tsx'));
const ApiTokensPage = lazy(() => import('../pages/settings/tokens/ApiTokensPage.tsx'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage.tsx'));
const NotificationChannelsPage = lazy(() => import('../pages/settings/channels/NotificationChannelsPage.tsx'));
const ReminderPolicyPage = lazy(() => import('../pages/settings/reminders/ReminderPolicyPage.tsx'));
const CalendarFeedsPage = lazy(() => import('../pages/settings/feeds/CalendarFeedsPage.tsx'));
const HolidayCalendarPage = lazy(() => import('../pages/settings/holidays/HolidayCalendarPage.tsx'));
const HazardSettingsPage = lazy(() => import('../pages/settings/hazards/HazardSettingsPage.tsx'));
const MyWorkPage = lazy(() => import('../pages/my-work/MyWorkPage.tsx'));
const TaskDetailPage = lazy(() => import('../pages/tasks/TaskDetailPage.tsx'));
const OccurrencePage = lazy(() => import('../pages/occurrence/OccurrencePage.tsx'));
const ReviewQueuePage = lazy(() => import('../pages/review/ReviewQueuePage.tsx'));
const SupervisionPage = lazy(() => import('../pages/supervision/SupervisionPage.tsx'));
const ExtensionsPage = lazy(() => import('../pages/extensions/ExtensionsPage.tsx'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage.tsx'));
const ReturnedSheetPage = lazy(() => import('../pages/returned/ReturnedSheetPage.tsx'));
const BulletinsPage = lazy(() => import('../pages/bulletins/BulletinsPage.tsx'));
const BulletinPage = lazy(() => import('../pages/bulletins/BulletinPage.tsx'));
const WhistleReportsPage = lazy(() => import('../pages/whistleblowing/WhistleReportsPage.tsx'));
const RewardsPage = lazy(() => import('../pages/whistleblowing/RewardsPage.tsx'));
const ArticlesPage = lazy(() => import('../pages/whistleblowing/ArticlesPage.tsx'));
const EnterprisesPage = lazy(() => import('../pages/enterprises/EnterprisesPage.tsx'));
const EnterpriseDetailPage = lazy(() => import('../pages/enterprises/EnterpriseDetailPage.tsx'));
const EnterpriseFormPage = lazy(() => import('../pages/enterprises/EnterpriseFormPage.tsx'));
const EnterpriseImportPage = lazy(() => import('../pages/enterprises/EnterpriseImportPage.tsx'));
const SupervisionListPage = lazy(() => import('../pages/enterprises/SupervisionListPage.tsx'));
const HazardsPage = lazy(() => import('../pages/hazards/HazardsPage.tsx'));
const HazardFormPage = lazy(() => import('../pages/hazards/HazardFormPage.tsx'));
const HazardDetailPage = lazy(() => import('../pages/hazards/HazardDetailPage.tsx'));
const HazardStatsPage = lazy(() => import('../pages/hazards/HazardStatsPage.tsx'));
const NotificationsPage = lazy(() => import('../pages/notifications/NotificationsPage.tsx'));
const FieldPage = lazy(() => import('../pages/inspections/FieldPage.tsx'));
const RollupPage = lazy(() => import('../pages/rollup/RollupPage.tsx'));
const UnitDashboardPage = lazy(() => import('../pages/rollup/UnitDashboardPage.tsx'));
const UpperDutiesPage = lazy(() => import('../pages/rollup/UpperDutiesPage.tsx'));
const SubmitPage = lazy(() => import('../pages/rollup/SubmitPage.tsx'));
const NotFoundPage = lazy(() => import('../pages/coming-soon/NotFoundPage.tsx'));

function Home() {
  const user = useUser();
  return <Navigate to={homePath(user.role)} replace />;
}

const routes: RouteObject[] = [
  { index: true, element: <Home /> },
  { path: 'tasks', element: <TaskListPage /> },
  { path: 'tasks/:taskId', element: <TaskDetailPage /> },
  { path: 'occurrences/:id', element: <OccurrencePage /> },
  { path: 'import', element: <ImportWizardPage /> },
  { path: 'users', element: <UsersPage /> },
  { path: 'settings/tokens', element: <ApiTokensPage /> },
  { path: 'settings', element: <SettingsPage /> },
  { path: 'settings/channels', element: <NotificationChannelsPage /> },
  { path: 'settings/reminders', element: <ReminderPolicyPage /> },
  { path: 'settings/feeds', element: <CalendarFeedsPage /> },
  { path: 'settings/holidays', element: <HolidayCalendarPage /> },
  { path: 'settings/hazards', element: <HazardSettingsPage /> },
  { path: 'my-work', element: <MyWorkPage /> },
  { path: 'review', element: <ReviewQueuePage /> },
  { path: 'supervision', element: <SupervisionPage /> },
  { path: 'extensions', element: <ExtensionsPage /> },
  { path: 'dashboard', element: <DashboardPage /> },
  { path: 'returned', element: <ReturnedSheetPage /> },
  { path: 'bulletins', element: <BulletinsPage /> },
  { path: 'bulletins/:id', element: <BulletinPage /> },
  { path: 'whistle', element: <WhistleReportsPage /> },
  { path: 'rewards', element: <RewardsPage /> },
  { path: 'articles', element: <ArticlesPage /> },
  { path: 'enterprises', element: <EnterprisesPage /> },
  { path: 'enterprises/new', element: <EnterpriseFormPage /> },
  { path: 'enterprises/import', element: <EnterpriseImportPage /> },
  { path: 'enterprises/:id', element: <EnterpriseDetailPage /> },
  { path: 'enterprises/:id/edit', element: <EnterpriseFormPage /> },
  { path: 'supervision-list', element: <SupervisionListPage /> },
  { path: 'hazards', element: <HazardsPage /> },
  { path: 'hazards/new', element: <HazardFormPage /> },
  { path: 'hazards/stats', element: <HazardStatsPage /> },
  { path: 'hazards/:id', element: <HazardDetailPage /> },
  { path: 'notifications', element: <NotificationsPage /> },
  { path: 'field', element: <FieldPage /> },
  { path: 'rollup', element: <RollupPage /> },
  { path: 'rollup/units/:unitId', element: <UnitDashboardPage /> },
  { path: 'rollup/upper', element: <UpperDutiesPage /> },
  { path: 'rollup/submit', element: <SubmitPage /> },
  { path: '*', element: <NotFoundPage /> },
];

/** The signed-in screens, rendered by AppLayout below the header and menu (router.tsx sends every path but /login). */
export function PageRoutes() {
  return useRoutes(routes);
}
