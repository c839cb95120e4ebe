import { LogoutOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Button, Flex, Layout, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { usePortalLogout } from '../../../api/portal.ts';
import { LanguageSwitch } from '../../../components/language-switch.tsx';

/** The customer portal's frame: narrow, phone-first, the brand, the language switch and (signed in) log out. */
export function PortalLayout({ signedIn = false }: { signedIn?: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const logout = usePortalLogout();
  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }} data-testid="portal-layout">
      <Layout.Header style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, padding: '0 12px', height: 52, lineHeight: '52px' }}>
        <Flex align="center" justify="space-between" style={{ maxWidth: 720, margin: '0 auto' }}>
          <Link to="/portal" style={{ color: 'inherit' }}>
            <Flex align="center" gap={8}>
              <SafetyCertificateFilled style={{ fontSize: 22, color: token.colorPrimary }} />
              <Typography.Text strong>{t('portal.brand')}</Typography.Text>
            </Flex>
          </Link>
          <Flex gap={4}>
            <LanguageSwitch />
            {signedIn && (
              <Button
                type="text"
                icon={<LogoutOutlined />}
                data-testid="portal-logout"
                loading={logout.isPending}
                onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/portal/login', { replace: true }) })}
              >
                {t('portal.logout')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 12 }}>
        <div style={{ maxWidth: 720, margin: '0 auto' }}>
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', fontSize: 12, color: token.colorTextSecondary, background: 'transparent' }}>{t('portal.footer')}</Layout.Footer>
    </Layout>
  );
}
