import type { TCreateStaffRequest, TStaffListQuery, TUpdateStaffRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../../platform/crypto/password.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import { DomainError, fieldError, fieldProblem, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { findOrgUnitById, findOrgUnitByCode } from './org-unit.repository.ts';
import { canManageStaffIn, canReadStaff, canUnmaskStaff, isInScope, mayManageStaff, mayUnmaskStaff } from './org.policy.ts';
import { findStaffById, findStaffCredentialsByUsername, insertStaff, listStaff as listStaffRows, touchStaff, updateStaff as updateStaffRow } from './staff.repository.ts';

/** Staff in the actor's subtree, optionally narrowed to one unit (with or without its descendants). */
export async function listStaff(db: Executor, actor: Actor, query: TStaffListQuery) {
  if (!canReadStaff(actor)) throw forbidden('You may not view staff accounts');
  let unitPath: string | undefined;
  if (query.orgUnitId) {
    const unit = await findOrgUnitById(db, query.orgUnitId);
    // A unit outside the caller's scope yields an empty list rather than revealing it exists.
    unitPath = unit && isInScope(actor, unit.path) ? unit.path : '/nowhere/';
  }
  return listStaffRows(db, actor.orgPath, { ...query, unitPath });
}

/**
 * One staff account. With a `purpose`, contact data is returned unmasked for callers allowed to
 * see it, and the read is audited with that purpose.
 */
export async function getStaff(db: Executor, actor: Actor, id: string, purpose?: string) {
  if (!canReadStaff(actor)) throw forbidden('You may not view staff accounts');
  if (purpose && !mayUnmaskStaff(actor)) throw forbidden('You may not see staff contact details');
  const row = await findStaffById(db, id);
  if (!row || !isInScope(actor, row.org_path)) throw notFound('Staff member');
  if (!purpose) return { row, unmasked: false };
  if (!canUnmaskStaff(actor, row.org_path)) throw forbidden('You may not see staff contact details');
  await recordStandaloneAuditEvent(db, actor, { action: 'staff.viewed', entityType: 'staff', entityId: id, purpose, data: { fields: ['email', 'mobile'] } });
  return { row, unmasked: true };
}

function requireLicenceForAgents(roles: readonly string[], licence: unknown) {
  if (roles.includes('agent') && !licence) {
    throw new DomainError('STAFF_LICENCE_REQUIRED', 'Agents must have a practising licence (number, valid from, valid to)', [
      { field: 'body.licence', message: 'is required for the agent role', rule: 'licence_required' },
    ]);
  }
}

/** Loader-only options (demo data): accounts that log straight in, with a pre-computed hash. */
export interface CreateStaffOptions {
  mustChangePassword?: boolean;
  passwordHash?: string;
}

/** Opens a staff account in a unit of the actor's subtree; returns the one-time initial password. */
export async function createStaff(db: Executor, actor: Actor, input: TCreateStaffRequest, options: CreateStaffOptions = {}) {
  if (!mayManageStaff(actor)) throw forbidden('You may not create staff accounts');
  requireLicenceForAgents(input.roles, input.licence);
  const password = input.initialPassword ?? generatePassword();
  const problems = checkPasswordPolicy(password, input.username);
  if (problems.length > 0) throw new DomainError('AUTH_WEAK_PASSWORD', `Initial password ${problems.map((p) => p.message).join('; ')}`, problems.map((p) => fieldProblem('body.initialPassword', p)));
  const passwordHash = options.passwordHash ?? (await hashPassword(password));
  return inTransaction(db, async (tx) => {
    const unit = await findOrgUnitById(tx, input.orgUnitId);
    if (!unit || !isInScope(actor, unit.path)) throw fieldError('body.orgUnitId', rule('not_found', 'org unit not found'), 'NOT_FOUND');
    if (!canManageStaffIn(actor, unit.path)) throw forbidden('You may not create staff accounts here');
    if (unit.status !== 'active') throw fieldError('body.orgUnitId', rule('org_unit_closed', 'org unit is closed'));
    if (await findStaffCredentialsByUsername(tx, input.username)) throw fieldError('body.username', rule('duplicate', `username ${input.username} is already taken`, { value: input.username }), 'DUPLICATE');
    const id = newId();
    await insertStaff(tx, {
      id,
      org_unit_id: unit.id,
      username: input.username,
      display_name: input.displayName,
      email: input.email ?? null,
      mobile: input.mobile ?? null,
      roles: [...new Set(input.roles)],
      password_hash: passwordHash,
      must_change_password: options.mustChangePassword ?? true,
      licence_no: input.licence?.number ?? null,
      licence_valid_from: input.licence?.validFrom ?? null,
      licence_valid_to: input.licence?.validTo ?? null,
    });
    await recordAuditEvent(tx, actor, { action: 'staff.created', entityType: 'staff', entityId: id, data: { username: input.username, roles: input.roles, orgUnitId: unit.id } });
    const row = await findStaffById(tx, id);
    return { row: row!, initialPassword: password };
  });
}

/** Changes a staff account (unit, roles, contact, licence, status) with optimistic concurrency. */
export async function updateStaff(db: Executor, actor: Actor, id: string, input: TUpdateStaffRequest) {
  if (!mayManageStaff(actor)) throw forbidden('You may not change staff accounts');
  return inTransaction(db, async (tx) => {
    const current = await findStaffById(tx, id);
    if (!current || !isInScope(actor, current.org_path)) throw notFound('Staff member');
    if (!canManageStaffIn(actor, current.org_path)) throw forbidden('You may not change this staff account');
    if (id === actor.id && (input.roles || input.status === 'disabled' || input.orgUnitId)) {
      throw new DomainError('STAFF_SELF_CHANGE_FORBIDDEN', 'You cannot change your own roles, unit or status; ask another administrator');
    }
    if (input.orgUnitId && input.orgUnitId !== current.org_unit_id) {
      const target = await findOrgUnitById(tx, input.orgUnitId);
      if (!target || !isInScope(actor, target.path)) throw fieldError('body.orgUnitId', rule('not_found', 'org unit not found'), 'NOT_FOUND');
      if (target.status !== 'active') throw fieldError('body.orgUnitId', rule('org_unit_closed', 'org unit is closed'));
    }
    const roles = input.roles ?? current.roles;
    const licence = input.licence === undefined ? (current.licence_no ? {} : null) : input.licence;
    requireLicenceForAgents(roles, licence);
    const updated = await updateStaffRow(tx, id, input.version, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.orgUnitId !== undefined ? { org_unit_id: input.orgUnitId } : {}),
      ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.mobile !== undefined ? { mobile: input.mobile } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.licence !== undefined
        ? { licence_no: input.licence?.number ?? null, licence_valid_from: input.licence?.validFrom ?? null, licence_valid_to: input.licence?.validTo ?? null }
        : {}),
    });
    if (!updated) throw versionConflict('Staff account');
    await recordAuditEvent(tx, actor, {
      action: 'staff.updated',
      entityType: 'staff',
      entityId: id,
      data: { changed: Object.keys(input).filter((k) => k !== 'version'), ...(input.roles ? { roles: input.roles } : {}), ...(input.status ? { status: input.status } : {}) },
    });
    return (await findStaffById(tx, id))!;
  });
}

/** Sets a new one-time password, unlocks the account and ends its sessions' validity at next use. */
export async function resetStaffPassword(db: Executor, actor: Actor, id: string) {
  if (!mayManageStaff(actor)) throw forbidden('You may not reset passwords');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const current = await findStaffById(tx, id);
    if (!current || !isInScope(actor, current.org_path)) throw notFound('Staff member');
    if (!canManageStaffIn(actor, current.org_path)) throw forbidden('You may not reset this password');
    if (id === actor.id) throw new DomainError('STAFF_SELF_CHANGE_FORBIDDEN', 'Change your own password on the account page');
    await touchStaff(tx, id, { password_hash: passwordHash, must_change_password: true, failed_login_count: 0, locked_until: null, password_changed_at: new Date() });
    await recordAuditEvent(tx, actor, { action: 'staff.password_reset', entityType: 'staff', entityId: id });
    return password;
  });
}

/** For bootstrap and demo: the unit with a code, or undefined. */
export { findOrgUnitByCode };
