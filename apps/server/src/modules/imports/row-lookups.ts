import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { findOrgUnitByCode, findStaffCredentialsByUsername } from '../org/index.ts';
import type { RunCache } from './import-runner.ts';
import { rowFieldError } from './import-values.ts';
import { isUnitInScope } from './import.policy.ts';

/** The org unit with `code`, which must be active and inside the actor's subtree (else a row error). */
export async function resolveOrgUnit(deps: ModuleDeps, actor: Actor, cache: RunCache, field: string, code: string) {
  const key = `org:${code.toUpperCase()}`;
  if (!cache.has(key)) cache.set(key, (await findOrgUnitByCode(deps.db, code.trim().toUpperCase())) ?? null);
  const unit = cache.get(key) as Awaited<ReturnType<typeof findOrgUnitByCode>> | null;
  if (!unit || unit.status !== 'active') throw rowFieldError(field, `no active org unit with code "${code}"`);
  if (!isUnitInScope(actor, unit.path)) throw rowFieldError(field, `org unit "${code}" is outside your data scope`, 'FORBIDDEN');
  return unit;
}

/** The id of the active staff account `username` (else a row error). */
export async function resolveStaffId(deps: ModuleDeps, cache: RunCache, field: string, username: string): Promise<string> {
  const key = `staff:${username.toLowerCase()}`;
  if (!cache.has(key)) cache.set(key, (await findStaffCredentialsByUsername(deps.db, username.trim().toLowerCase())) ?? null);
  const staff = cache.get(key) as Awaited<ReturnType<typeof findStaffCredentialsByUsername>> | null;
  if (!staff || staff.status !== 'active') throw rowFieldError(field, `no active staff account "${username}"`);
  return staff.id;
}
