import { ROLES, type TColleagueList, type TColleagueQuery } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { hasPermission } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import { findColleagues, findOrgUnitById } from '../org/index.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';

/**
 * The colleague directory behind the console's pickers (assignees, owner agents, staff concerned):
 * active staff of the caller's subtree by name and unit, nothing else of their accounts. Every staff
 * member may use it, since choosing a colleague is part of their work; an API key needs
 * `staff:read`. Filters: part of the name, a role, a permission (the roles that grant it), a unit's
 * subtree, or one id (found whatever its status, so a disabled owner or assignee still shows by name).
 */
export async function listColleagues(db: Executor, actor: Actor, query: TColleagueQuery): Promise<TColleagueList> {
  if (actor.kind !== 'staff' && !hasPermission(actor, 'staff:read')) throw forbidden('You may not look up staff');
  let roles: string[] | undefined = query.role ? [query.role] : undefined;
  if (query.permission) {
    const granting = ROLES.filter((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(query.permission!));
    roles = roles ? roles.filter((r) => granting.includes(r as (typeof ROLES)[number])) : granting;
  }
  let underPath: string | undefined;
  if (query.underUnitId) {
    const unit = await findOrgUnitById(db, query.underUnitId);
    // A unit outside the caller's scope yields an empty list rather than revealing it exists.
    underPath = unit && unit.path.startsWith(actor.orgPath) ? unit.path : '/nowhere/';
  }
  const rows = await findColleagues(db, actor.orgPath, { q: query.q, roles, underPath, id: query.id, limit: query.limit });
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, unitName: r.unit_name, active: r.status === 'active' })) };
}
