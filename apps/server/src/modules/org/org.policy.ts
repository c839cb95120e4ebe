import { hasPermission, type Actor } from '../../platform/actor.ts';

/** Is the unit with materialised path `unitPath` inside the actor's data scope? */
export const isInScope = (actor: Actor, unitPath: string) => unitPath.startsWith(actor.orgPath);

export const canReadOrg = (actor: Actor) => hasPermission(actor, 'org:read');

// Order of checks (docs/api.md): a caller whose roles lack the permission gets 403 whatever the
// target, before any lookup (and before any costly work such as hashing a password); a caller who
// holds it but names a record outside its scope gets 404. The `may*` checks are the first step.

/** Does the actor hold the permission to manage org units at all (scope aside)? */
export const mayManageOrgUnits = (actor: Actor) => hasPermission(actor, 'org:manage');

/** Does the actor hold the permission to manage staff accounts at all (scope aside)? */
export const mayManageStaff = (actor: Actor) => hasPermission(actor, 'staff:manage');

/** Does the actor hold the permission to unmask staff contact data at all (scope aside)? */
export const mayUnmaskStaff = (actor: Actor) => hasPermission(actor, 'staff:unmask');

/** Creating, renaming or closing units: admins, below their own unit (never their own unit or above). */
export const canManageOrgUnit = (actor: Actor, unitPath: string) =>
  hasPermission(actor, 'org:manage') && isInScope(actor, unitPath);

export const canReadStaff = (actor: Actor) => hasPermission(actor, 'staff:read');

/** Creating or changing staff accounts: admins, for staff whose unit lies in their subtree. */
export const canManageStaffIn = (actor: Actor, unitPath: string) => hasPermission(actor, 'staff:manage') && isInScope(actor, unitPath);

/** Seeing a colleague's unmasked contact data needs `staff:unmask` and a stated purpose. */
export const canUnmaskStaff = (actor: Actor, unitPath: string) => hasPermission(actor, 'staff:unmask') && isInScope(actor, unitPath);
