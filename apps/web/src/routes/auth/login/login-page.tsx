import { LockOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import type { TLoginRequest } from '@anxin/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { authKeys, useLogin, useUpdateLocale } from '../../../api/auth.ts';
import { isApiError } from '../../../api/client.ts';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { useLocale } from '../../../components/locale-provider.tsx';
import { useFormat } from '../../../format.ts';
import { useLabels } from '../../../i18n/labels.ts';

/** Only same-site paths are followed after login (no open redirect through `?next=`). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { token } = theme.useToken();
  const [form] = Form.useForm<TLoginRequest>();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { locale, setLocale } = useLocale();
  const localeOnArrival = useRef(locale);
  const login = useLogin();
  const updateLocale = useUpdateLocale();
  const queryClient = useQueryClient();

  // Nothing of a previous session survives on the login page. Clearing here — after the signed-in
  // pages have unmounted — means no page ever renders without its user.
  useEffect(() => queryClient.clear(), [queryClient]);

  const onFinish = (values: TLoginRequest) => {
    login.mutate(
      { username: values.username.trim().toLowerCase(), password: values.password },
      {
        onSuccess: (result) => {
          if (locale !== localeOnArrival.current && locale !== result.user.locale) {
            // The language was switched on this page: that choice is the newest, so it is saved to the account.
            queryClient.setQueryData(authKeys.me(), { ...result.user, locale });
            updateLocale.mutate(locale);
          } else {
            setLocale(result.user.locale);
          }
          void navigate(result.user.mustChangePassword ? '/account' : safeNext(searchParams.get('next')), { replace: true });
        },
        onError: () => form.setFieldValue('password', ''),
      },
    );
  };

  const error = login.error;
  const lockedUntil = isApiError(error) && error.code === 'AUTH_ACCOUNT_LOCKED' && typeof error.extra.lockedUntil === 'string' ? error.extra.lockedUntil : null;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)` }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
        <SafetyCertificateFilled style={{ fontSize: 44, color: token.colorPrimary }} />
        <Typography.Title level={2} style={{ margin: '8px 0 0' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: 380, maxWidth: '100%' }} title={t('login.title')} data-testid="login-page">
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="login-error"
            style={{ marginBottom: 16 }}
            title={labels.problemTitle(error)}
            description={lockedUntil ? t('login.lockedUntil', { time: format.dateTime(lockedUntil) }) : undefined}
          />
        )}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on" disabled={login.isPending}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('login.username') }) }]}
          >
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              placeholder={t('login.usernamePlaceholder')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              maxLength={40}
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required', { field: t('login.password') }) }]}>
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              maxLength={128}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
