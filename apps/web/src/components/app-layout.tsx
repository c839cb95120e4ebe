import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  ContactsOutlined,
  ControlOutlined,
  DownOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  LogoutOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  MedicineBoxOutlined,
  MessageOutlined,
  PieChartOutlined,
  SafetyCertificateFilled,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, Progress, Typography, theme, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useLogout } from '../api/auth.ts';
import { useLabels } from '../i18n/labels.ts';
import { can, type Permission } from '../permissions.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { useCurrentUser } from './require-session.tsx';

interface NavEntry {
  key: string;
  path: string;
  testId: string;
  icon?: ReactNode;
  label:
    | 'nav.home'
    | 'nav.customers'
    | 'nav.policies'
    | 'nav.underwriting'
    | 'nav.claims'
    | 'nav.claimQueue'
    | 'nav.claimNew'
    | 'nav.claimOverdue'
    | 'nav.products'
    | 'nav.imports'
    | 'nav.org'
    | 'nav.staff'
    | 'nav.audit'
    | 'nav.apiKeys'
    | 'nav.customerAttributes'
    | 'nav.account'
    | 'nav.devInbox'
    | 'nav.claimSettings'
    | 'nav.complaints'
    | 'nav.complaintDesk'
    | 'nav.complaintNew'
    | 'nav.complaintAnalysis'
    | 'nav.correctiveActions'
    | 'nav.service'
    | 'nav.tasks'
    | 'nav.visits'
    | 'nav.surveys'
    | 'nav.automation'
    | 'nav.messages'
    | 'segmentation.nav.insights'
    | 'segmentation.nav.overview'
    | 'segmentation.nav.segments'
    | 'segmentation.nav.clusters'
    | 'segmentation.nav.rules'
    | 'models.title'
    | 'riskAlerts.title'
    | 'blacklist.title';
  /** Several: any one of them will do (a group whose pages need different permissions). */
  permission?: Permission | readonly Permission[];
  /** A group opens into these pages (it has no page of its own). */
  children?: readonly NavEntry[];
}

/** The console's areas, in menu order; entries the user may not use are hidden. */
const NAV: readonly NavEntry[] = [
  { key: 'home', path: '/', testId: 'nav-home', icon: <HomeOutlined />, label: 'nav.home' },
  { key: 'customers', path: '/customers', testId: 'nav-customers', icon: <ContactsOutlined />, label: 'nav.customers', permission: 'customer:read' },
  { key: 'policies', path: '/policies', testId: 'nav-policies', icon: <FileProtectOutlined />, label: 'nav.policies', permission: 'policy:read' },
  { key: 'underwriting', path: '/underwriting', testId: 'nav-underwriting', icon: <SafetyCertificateOutlined />, label: 'nav.underwriting', permission: 'underwriting:decide' },
  {
    key: 'claims',
    path: '/claims',
    testId: 'nav-claims',
    icon: <MedicineBoxOutlined />,
    label: 'nav.claims',
    permission: 'claim:read',
    children: [
      { key: 'claims-queue', path: '/claims', testId: 'nav-claims-queue', label: 'nav.claimQueue' },
      { key: 'claims-new', path: '/claims/new', testId: 'nav-claims-new', label: 'nav.claimNew', permission: 'claim:report' },
      { key: 'claims-overdue', path: '/claims/overdue', testId: 'nav-claims-overdue', label: 'nav.claimOverdue' },
      { key: 'claims-settings', path: '/claims/settings', testId: 'nav-claims-settings', label: 'nav.claimSettings' },
    ],
  },
  {
    key: 'complaints',
    path: '/complaints',
    testId: 'nav-complaints',
    icon: <CommentOutlined />,
    label: 'nav.complaints',
    permission: 'complaint:read',
    children: [
      { key: 'complaints-desk', path: '/complaints', testId: 'nav-complaints-desk', label: 'nav.complaintDesk' },
      { key: 'complaints-new', path: '/complaints/new', testId: 'nav-complaints-new', label: 'nav.complaintNew', permission: 'complaint:register' },
      { key: 'complaints-analysis', path: '/complaints/analysis', testId: 'nav-complaints-analysis', label: 'nav.complaintAnalysis' },
      { key: 'complaints-actions', path: '/complaints/corrective-actions', testId: 'nav-corrective-actions', label: 'nav.correctiveActions' },
    ],
  },
  {
    key: 'service',
    path: '/tasks',
    testId: 'nav-service',
    icon: <CustomerServiceOutlined />,
    label: 'nav.service',
    permission: 'service:read',
    children: [
      { key: 'tasks', path: '/tasks', testId: 'nav-tasks', label: 'nav.tasks' },
      { key: 'visits', path: '/visits', testId: 'nav-visits', label: 'nav.visits' },
      { key: 'surveys', path: '/surveys', testId: 'nav-surveys', label: 'nav.surveys' },
      { key: 'automation', path: '/automation', testId: 'nav-automation', label: 'nav.automation' },
      { key: 'messages', path: '/messages', testId: 'nav-messages', label: 'nav.messages' },
    ],
  },
  {
    // Customer insights: segmentation pages; models, risk alerts and the blacklist join this group.
    key: 'insights',
    path: '/segmentation',
    testId: 'nav-insights',
    icon: <PieChartOutlined />,
    label: 'segmentation.nav.insights',
    // Claims adjusters work risk alerts and the blacklist without segment:read.
    permission: ['segment:read', 'risk_alert:read', 'blacklist:read'],
    children: [
      { key: 'segmentation-overview', path: '/segmentation', testId: 'nav-segmentation', label: 'segmentation.nav.overview', permission: 'segment:read' },
      { key: 'segments', path: '/segments', testId: 'nav-segments', label: 'segmentation.nav.segments', permission: 'segment:read' },
      { key: 'clusters', path: '/clusters', testId: 'nav-clusters', label: 'segmentation.nav.clusters', permission: 'segment:read' },
      { key: 'segmentation-rules', path: '/segmentation/rules', testId: 'nav-segmentation-rules', label: 'segmentation.nav.rules', permission: 'segment:read' },
      { key: 'models', path: '/models', testId: 'nav-models', label: 'models.title', permission: 'segment:read' },
      { key: 'risk-alerts', path: '/risk-alerts', testId: 'nav-risk-alerts', label: 'riskAlerts.title', permission: 'risk_alert:read' },
      { key: 'blacklist', path: '/blacklist', testId: 'nav-blacklist', label: 'blacklist.title', permission: 'blacklist:read' },
    ],
  },
  { key: 'products', path: '/products', testId: 'nav-products', icon: <AppstoreOutlined />, label: 'nav.products', permission: 'product:read' },
  { key: 'imports', path: '/imports', testId: 'nav-imports', icon: <ImportOutlined />, label: 'nav.imports', permission: 'customer:import' },
  { key: 'org', path: '/org', testId: 'nav-org', icon: <ApartmentOutlined />, label: 'nav.org', permission: 'org:read' },
  { key: 'staff', path: '/staff', testId: 'nav-staff', icon: <TeamOutlined />, label: 'nav.staff', permission: 'staff:read' },
  { key: 'audit', path: '/audit', testId: 'nav-audit', icon: <AuditOutlined />, label: 'nav.audit', permission: 'audit:read' },
  { key: 'api-keys', path: '/api-keys', testId: 'nav-api-keys', icon: <KeyOutlined />, label: 'nav.apiKeys', permission: 'api_key:manage' },
  {
    key: 'customer-attributes',
    path: '/settings/customer-attributes',
    testId: 'nav-customer-attributes',
    icon: <ControlOutlined />,
    label: 'nav.customerAttributes',
    permission: 'customer_attribute:manage',
  },
  { key: 'dev-inbox', path: '/dev-inbox', testId: 'nav-dev-inbox', icon: <MessageOutlined />, label: 'nav.devInbox', permission: 'outbox:read' },
  { key: 'account', path: '/account', testId: 'nav-account', icon: <SettingOutlined />, label: 'nav.account' },
];

const PAGES = NAV.flatMap((n) => n.children ?? [n]);

// The page whose path is the longest prefix of the location: /claims/new is "new claim", /claims/123 is the queue.
const selectedKeyOf = (pathname: string) =>
  pathname === '/'
    ? 'home'
    : (PAGES.filter((n) => n.path !== '/' && pathname.startsWith(n.path)).sort((a, b) => b.path.length - a.path.length)[0]?.key ?? '');

const groupKeyOf = (pathname: string) => NAV.find((n) => n.children?.some((c) => c.key === selectedKeyOf(pathname)))?.key;

function Brand() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}>
      <SafetyCertificateFilled style={{ fontSize: 24, color: token.colorPrimary }} />
      <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
        {t('app.name')}
      </Typography.Text>
    </Link>
  );
}

function UserMenu() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    {
      key: 'identity',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.5 }}>
          <div>{me.username}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.orgUnitName} · {labels.orgLevel(me.orgUnitLevel)}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'account', icon: <SettingOutlined />, label: <span data-testid="user-menu-account">{t('nav.account')}</span> },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('nav.logout')}</span> },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate('/account');
    if (key === 'logout') {
      // Whatever the server says, the console returns to the login page (which forgets the user).
      logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1668dc' }} />
        <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.displayName}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

/** The signed-in frame: side menu fitted to the user's permissions, header with language and user menu. */
export function AppLayout() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  // Until a one-time password is replaced there is nowhere else to go: no menu.
  const showMenu = !me.mustChangePassword;

  const allowed = (n: NavEntry) => !n.permission || (typeof n.permission === 'string' ? [n.permission] : n.permission).some((p) => can(me, p));
  const items: MenuProps['items'] = NAV.filter(allowed).map((n) =>
    n.children
      ? {
          key: n.key,
          icon: n.icon,
          label: <span data-testid={n.testId}>{t(n.label)}</span>,
          children: n.children.filter(allowed).map((c) => ({
            key: c.key,
            label: (
              <Link to={c.path} data-testid={c.testId}>
                {t(c.label)}
              </Link>
            ),
          })),
        }
      : {
          key: n.key,
          icon: n.icon,
          label: (
            <Link to={n.path} data-testid={n.testId}>
              {t(n.label)}
            </Link>
          ),
        },
  );
  const group = groupKeyOf(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        data-testid="app-header"
        style={{
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Brand />
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        <UserMenu />
      </Layout.Header>
      {navigation.state === 'loading' && (
        <Progress
          percent={100}
          status="active"
          showInfo={false}
          size={{ height: 2 }}
          style={{ position: 'fixed', top: 54, left: 0, right: 0, zIndex: 11, margin: 0, lineHeight: 0 }}
          aria-label={t('app.navigating')}
        />
      )}
      <Layout>
        {showMenu && (
          <Layout.Sider
            theme="light"
            width={216}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <nav aria-label={t('nav.mainMenu')}>
              <Menu
                mode="inline"
                selectedKeys={[selectedKeyOf(location.pathname)]}
                defaultOpenKeys={group ? [group] : []}
                items={items}
                style={{ borderInlineEnd: 'none', paddingTop: 8 }}
              />
            </nav>
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Content style={{ padding: 24 }}>
            <Outlet />
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>{t('app.footer')}</Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
