import type { TMe } from '@anxin/contracts';
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { useLocale } from './locale-provider.tsx';
import { PageLoading } from './page-loading.tsx';
import { ProblemAlert } from './problem-alert.tsx';

export const ACCOUNT_PATH = '/account';

/** `/login?next=/staff%3Fpage%3D2`: where to return after logging in. */
export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Gate for every page behind login: loads the user, sends anonymous visitors to /login, keeps a user
 * who must replace a one-time password on the account page, and applies the account's language.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  const userId = me.data?.id;

  useEffect(() => {
    // The account's saved language wins over this browser's when a session starts — only then, so
    // switching language here (saved in the background) never bounces back.
    const accountLocale = me.data?.locale;
    if (accountLocale && accountLocale !== locale) setLocale(accountLocale);
  }, [userId]);

  if (me.isPending) return <PageLoading fullScreen />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to={loginPathFor(location)} replace />;
    return (
      <Result
        status="error"
        title={t('session.loadFailed')}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        <ProblemAlert error={me.error} />
      </Result>
    );
  }
  if (me.data.mustChangePassword && location.pathname !== ACCOUNT_PATH) return <Navigate to={ACCOUNT_PATH} replace />;
  return <Outlet />;
}

/** The signed-in user, inside pages rendered under <RequireSession>. */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser is only available under <RequireSession>');
  return data;
}
