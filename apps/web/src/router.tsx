import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout.tsx';
import { NotFoundPage } from './components/not-found-page.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { RequirePermission } from './components/require-permission.tsx';
import { RequireSession } from './components/require-session.tsx';
import { RouteErrorPage } from './components/route-error-page.tsx';

// Each page is its own chunk, loaded when first visited.
const routes: RouteObject[] = [
  {
    HydrateFallback: () => <PageLoading fullScreen />,
    ErrorBoundary: RouteErrorPage,
    children: [
      { path: 'login', lazy: () => import('./routes/auth/login/login-page.tsx').then((m) => ({ Component: m.LoginPage })) },
      {
        Component: RequireSession,
        children: [
          {
            Component: AppLayout,
            children: [
              {
                ErrorBoundary: RouteErrorPage,
                children: [
                  { index: true, lazy: () => import('./routes/home/home-dashboard/home-dashboard-page.tsx').then((m) => ({ Component: m.HomeDashboardPage })) },
                  {
                    path: 'org',
                    element: <RequirePermission permission="org:read" />,
                    children: [{ index: true, lazy: () => import('./routes/org/org-tree/org-tree-page.tsx').then((m) => ({ Component: m.OrgTreePage })) }],
                  },
                  {
                    path: 'staff',
                    element: <RequirePermission permission="staff:read" />,
                    children: [{ index: true, lazy: () => import('./routes/staff/staff-list/staff-list-page.tsx').then((m) => ({ Component: m.StaffListPage })) }],
                  },
                  {
                    path: 'audit',
                    element: <RequirePermission permission="audit:read" />,
                    children: [{ index: true, lazy: () => import('./routes/audit/audit-list/audit-list-page.tsx').then((m) => ({ Component: m.AuditListPage })) }],
                  },
                  {
                    path: 'api-keys',
                    element: <RequirePermission permission="api_key:manage" />,
                    children: [
                      { index: true, lazy: () => import('./routes/api-keys/api-key-list/api-key-list-page.tsx').then((m) => ({ Component: m.ApiKeyListPage })) },
                    ],
                  },
                  {
                    path: 'account',
                    lazy: () => import('./routes/account/account-settings/account-settings-page.tsx').then((m) => ({ Component: m.AccountSettingsPage })),
                  },
                  { path: '*', Component: NotFoundPage },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
