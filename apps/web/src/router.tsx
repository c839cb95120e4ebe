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
      // The customer portal: its own frame and session, no staff navigation.
      {
        path: 'portal',
        children: [
          {
            lazy: () => import('./routes/portal/components/portal-layout.tsx').then((m) => ({ Component: m.PortalLayout })),
            children: [{ path: 'login', lazy: () => import('./routes/portal/portal-login/portal-login-page.tsx').then((m) => ({ Component: m.PortalLoginPage })) }],
          },
          {
            lazy: () => import('./routes/portal/components/require-portal-session.tsx').then((m) => ({ Component: m.RequirePortalSession })),
            children: [
              { index: true, lazy: () => import('./routes/portal/portal-home/portal-home-page.tsx').then((m) => ({ Component: m.PortalHomePage })) },
              { path: 'claims/new', lazy: () => import('./routes/portal/portal-report/portal-report-page.tsx').then((m) => ({ Component: m.PortalReportPage })) },
              { path: 'claims/:claimId', lazy: () => import('./routes/portal/portal-claim/portal-claim-page.tsx').then((m) => ({ Component: m.PortalClaimPage })) },
              { path: 'complaints/new', lazy: () => import('./routes/portal/portal-complain/portal-complain-page.tsx').then((m) => ({ Component: m.PortalComplainPage })) },
              { path: 'complaints/:complaintId', lazy: () => import('./routes/portal/portal-complaint/portal-complaint-page.tsx').then((m) => ({ Component: m.PortalComplaintPage })) },
              { path: '*', Component: NotFoundPage },
            ],
          },
        ],
      },
      // A survey link sent to a customer: no login, no staff frame.
      { path: 'survey/:token', lazy: () => import('./routes/surveys/survey-public/survey-public-page.tsx').then((m) => ({ Component: m.SurveyPublicPage })) },
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
                    path: 'customers',
                    element: <RequirePermission permission="customer:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/customers/customer-list/customer-list-page.tsx').then((m) => ({ Component: m.CustomerListPage })) },
                      {
                        path: 'new',
                        element: <RequirePermission permission="customer:write" />,
                        children: [{ index: true, lazy: () => import('./routes/customers/customer-form/customer-form-page.tsx').then((m) => ({ Component: m.CustomerFormPage })) }],
                      },
                      { path: ':customerId', lazy: () => import('./routes/customers/customer-360/customer-360-page.tsx').then((m) => ({ Component: m.Customer360Page })) },
                      {
                        path: ':customerId/edit',
                        element: <RequirePermission permission="customer:write" />,
                        children: [{ index: true, lazy: () => import('./routes/customers/customer-form/customer-form-page.tsx').then((m) => ({ Component: m.CustomerFormPage })) }],
                      },
                    ],
                  },
                  {
                    path: 'policies',
                    element: <RequirePermission permission="policy:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/policies/policy-list/policy-list-page.tsx').then((m) => ({ Component: m.PolicyListPage })) },
                      {
                        path: 'new',
                        element: <RequirePermission permission="policy:write" />,
                        children: [{ index: true, lazy: () => import('./routes/policies/policy-create/policy-create-page.tsx').then((m) => ({ Component: m.PolicyCreatePage })) }],
                      },
                      { path: ':policyId', lazy: () => import('./routes/policies/policy-detail/policy-detail-page.tsx').then((m) => ({ Component: m.PolicyDetailPage })) },
                    ],
                  },
                  {
                    path: 'claims',
                    element: <RequirePermission permission="claim:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/claims/claim-queue/claim-queue-page.tsx').then((m) => ({ Component: m.ClaimQueuePage })) },
                      {
                        path: 'new',
                        element: <RequirePermission permission="claim:report" />,
                        children: [{ index: true, lazy: () => import('./routes/claims/claim-intake/claim-intake-page.tsx').then((m) => ({ Component: m.ClaimIntakePage })) }],
                      },
                      { path: 'overdue', lazy: () => import('./routes/claims/claim-overdue/claim-overdue-page.tsx').then((m) => ({ Component: m.ClaimOverduePage })) },
                      { path: 'settings', lazy: () => import('./routes/claims/claim-settings/claim-settings-page.tsx').then((m) => ({ Component: m.ClaimSettingsPage })) },
                      { path: ':claimId', lazy: () => import('./routes/claims/claim-detail/claim-detail-page.tsx').then((m) => ({ Component: m.ClaimDetailPage })) },
                    ],
                  },
                  {
                    path: 'complaints',
                    element: <RequirePermission permission="complaint:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/complaints/complaint-desk/complaint-desk-page.tsx').then((m) => ({ Component: m.ComplaintDeskPage })) },
                      {
                        path: 'new',
                        element: <RequirePermission permission="complaint:register" />,
                        children: [{ index: true, lazy: () => import('./routes/complaints/complaint-intake/complaint-intake-page.tsx').then((m) => ({ Component: m.ComplaintIntakePage })) }],
                      },
                      { path: 'corrective-actions', lazy: () => import('./routes/complaints/corrective-actions/corrective-actions-page.tsx').then((m) => ({ Component: m.CorrectiveActionsPage })) },
                      { path: 'analysis', lazy: () => import('./routes/complaints/complaint-analysis/complaint-analysis-page.tsx').then((m) => ({ Component: m.ComplaintAnalysisPage })) },
                      { path: ':complaintId', lazy: () => import('./routes/complaints/complaint-detail/complaint-detail-page.tsx').then((m) => ({ Component: m.ComplaintDetailPage })) },
                    ],
                  },
                  {
                    path: 'tasks',
                    element: <RequirePermission permission="service:read" />,
                    children: [{ index: true, lazy: () => import('./routes/tasks/task-inbox/task-inbox-page.tsx').then((m) => ({ Component: m.TaskInboxPage })) }],
                  },
                  {
                    path: 'visits',
                    element: <RequirePermission permission="service:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/visits/visit-worklist/visit-worklist-page.tsx').then((m) => ({ Component: m.VisitWorklistPage })) },
                      { path: ':visitId', lazy: () => import('./routes/visits/visit-detail/visit-detail-page.tsx').then((m) => ({ Component: m.VisitDetailPage })) },
                    ],
                  },
                  {
                    path: 'surveys',
                    element: <RequirePermission permission="service:read" />,
                    children: [{ index: true, lazy: () => import('./routes/surveys/survey-overview/survey-overview-page.tsx').then((m) => ({ Component: m.SurveyOverviewPage })) }],
                  },
                  {
                    path: 'automation',
                    element: <RequirePermission permission="service:read" />,
                    children: [{ index: true, lazy: () => import('./routes/automation/automation-rules/automation-rules-page.tsx').then((m) => ({ Component: m.AutomationRulesPage })) }],
                  },
                  {
                    path: 'messages',
                    element: <RequirePermission permission="service:read" />,
                    children: [{ index: true, lazy: () => import('./routes/messages/message-log/message-log-page.tsx').then((m) => ({ Component: m.MessageLogPage })) }],
                  },
                  {
                    path: 'segmentation',
                    element: <RequirePermission permission="segment:read" />,
                    children: [
                      {
                        index: true,
                        lazy: () => import('./routes/segmentation/segmentation-overview/segmentation-overview-page.tsx').then((m) => ({ Component: m.SegmentationOverviewPage })),
                      },
                      { path: 'rules', lazy: () => import('./routes/segmentation/segmentation-rules/segmentation-rules-page.tsx').then((m) => ({ Component: m.SegmentationRulesPage })) },
                    ],
                  },
                  {
                    path: 'segments',
                    element: <RequirePermission permission="segment:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/segments/segment-explorer/segment-explorer-page.tsx').then((m) => ({ Component: m.SegmentExplorerPage })) },
                      { path: ':segmentId', lazy: () => import('./routes/segments/segment-detail/segment-detail-page.tsx').then((m) => ({ Component: m.SegmentDetailPage })) },
                    ],
                  },
                  {
                    path: 'clusters',
                    element: <RequirePermission permission="segment:read" />,
                    children: [{ index: true, lazy: () => import('./routes/clusters/cluster-view/cluster-view-page.tsx').then((m) => ({ Component: m.ClusterViewPage })) }],
                  },
                  {
                    path: 'models',
                    element: <RequirePermission permission="segment:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/models/model-list/model-list-page.tsx').then((m) => ({ Component: m.ModelListPage })) },
                      { path: ':modelId', lazy: () => import('./routes/models/model-detail/model-detail-page.tsx').then((m) => ({ Component: m.ModelDetailPage })) },
                    ],
                  },
                  {
                    path: 'underwriting',
                    element: <RequirePermission permission="underwriting:decide" />,
                    children: [{ index: true, lazy: () => import('./routes/underwriting/underwriting-queue/underwriting-queue-page.tsx').then((m) => ({ Component: m.UnderwritingQueuePage })) }],
                  },
                  {
                    path: 'risk-alerts',
                    element: <RequirePermission permission="risk_alert:read" />,
                    children: [{ index: true, lazy: () => import('./routes/risk-alerts/risk-alert-queue/risk-alert-queue-page.tsx').then((m) => ({ Component: m.RiskAlertQueuePage })) }],
                  },
                  {
                    path: 'blacklist',
                    element: <RequirePermission permission="blacklist:read" />,
                    children: [{ index: true, lazy: () => import('./routes/blacklist/blacklist-list/blacklist-list-page.tsx').then((m) => ({ Component: m.BlacklistListPage })) }],
                  },
                  {
                    path: 'products',
                    element: <RequirePermission permission="product:read" />,
                    children: [
                      { index: true, lazy: () => import('./routes/products/product-list/product-list-page.tsx').then((m) => ({ Component: m.ProductListPage })) },
                    ],
                  },
                  {
                    path: 'imports',
                    element: <RequirePermission permission="customer:import" />,
                    children: [
                      { index: true, lazy: () => import('./routes/imports/import-wizard/import-wizard-page.tsx').then((m) => ({ Component: m.ImportWizardPage })) },
                    ],
                  },
                  {
                    path: 'settings/customer-attributes',
                    element: <RequirePermission permission="customer_attribute:manage" />,
                    children: [
                      {
                        index: true,
                        lazy: () =>
                          import('./routes/settings/customer-attribute-list/customer-attribute-list-page.tsx').then((m) => ({ Component: m.CustomerAttributeListPage })),
                      },
                    ],
                  },
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
                    path: 'dev-inbox',
                    element: <RequirePermission permission="outbox:read" />,
                    children: [{ index: true, lazy: () => import('./routes/dev-inbox/dev-inbox/dev-inbox-page.tsx').then((m) => ({ Component: m.DevInboxPage })) }],
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
