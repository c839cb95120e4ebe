import { Navigate } from 'react-router';
import { portalSessionEnded, usePortalMe } from '../../../api/portal.ts';
import { PageLoading } from '../../../components/page-loading.tsx';
import { ProblemAlert } from '../../../components/problem-alert.tsx';
import { PortalLayout } from './portal-layout.tsx';

/** Gate for the signed-in portal pages: a customer without a portal session goes to identification. */
export function RequirePortalSession() {
  const me = usePortalMe();
  if (me.isPending) return <PageLoading fullScreen />;
  if (me.isError) {
    if (portalSessionEnded(me.error)) return <Navigate to="/portal/login" replace />;
    return <ProblemAlert error={me.error} style={{ margin: 24 }} plain />;
  }
  return <PortalLayout signedIn />;
}
