import { lazy, Suspense } from 'react';
import { type RouteObject, useRoutes } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { RequireAuth } from './RequireAuth.tsx';

// Every screen, the sign-in page included, is loaded on demand: the entry carries React, the router, TanStack Query,
// antd's style engine and the Chinese dictionary, so a signed-in first screen does not load the sign-in form and
// the sign-in page does not load the layout. The layout renders the signed-in screens (page-routes.tsx); which role
// may open which path is decided there from nav.ts.
const LoginPage = lazy(() => import('../pages/login/LoginPage.tsx'));
const AppLayout = lazy(() => import('./AppLayout.tsx'));

const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageSpinner fullScreen />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/*',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageSpinner fullScreen />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
  },
];

/**
 * The routes, rendered under main.tsx's <BrowserRouter>. A plain router, not a data router (createBrowserRouter):
 * no route has a loader or an action, and the data router's code is some 16 KB gzipped on every first screen.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
