import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { can, type Permission } from '../permissions.ts';
import { ForbiddenPage } from './forbidden-page.tsx';
import { useCurrentUser } from './require-session.tsx';

/** Renders its pages only for users holding `permission`; others get the 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children?: ReactNode }) {
  const me = useCurrentUser();
  if (!can(me, permission)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}
