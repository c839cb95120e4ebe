import { timingSafeEqual } from 'node:crypto';
import type { TChangePasswordRequest, TOrgLevel, TRole } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { DUMMY_PASSWORD_HASH, checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/crypto/password.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import { DomainError, fieldProblem, rule } from '../../platform/errors.ts';
import type { AuthenticationResult, Credentials } from '../../platform/http/authentication.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findStaffById, findStaffCredentialsByUsername, findStaffPasswordHash, incrementFailedLogins, touchStaff } from '../org/index.ts';
import { findApiKeyForAuth, markApiKeyUsed } from './api-key.repository.ts';
import { permissionsOf, seesOwnRecordsOnly } from './permissions.ts';
import { findSessionWithStaff, insertSession, redateSession, revokeOtherSessions, revokeSession, touchSession } from './session.repository.ts';

export interface AuthSettings {
  sessionSecret: Buffer;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
}

/** Writes down a failed login in its own transaction, so it survives the error thrown afterwards. */
async function recordFailure(db: Executor, staffId: string | null, username: string, reason: string, meta: { ip: string; requestId?: string }) {
  await inTransaction(db, (tx) =>
    recordAuditEvent(tx, null, {
      action: 'auth.login_failed',
      entityType: 'staff',
      entityId: staffId,
      requestId: meta.requestId ?? null,
      data: { username, reason, ip: meta.ip },
    }),
  );
}

/**
 * Checks username and password, locks the account after repeated failures, and opens a session.
 * Unknown usernames cost the same time as wrong passwords and get the same answer.
 */
export async function login(
  db: Executor,
  settings: AuthSettings,
  input: { username: string; password: string },
  meta: { ip: string; userAgent?: string; requestId?: string },
) {
  const creds = await findStaffCredentialsByUsername(db, input.username);
  if (!creds) {
    await verifyPassword(input.password, DUMMY_PASSWORD_HASH);
    await recordFailure(db, null, input.username, 'unknown_username', meta);
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'Username or password is wrong');
  }
  if (creds.locked_until && creds.locked_until.getTime() > Date.now()) {
    await recordFailure(db, creds.id, creds.username, 'locked', meta);
    throw new DomainError('AUTH_ACCOUNT_LOCKED', 'Too many failed logins; the account is locked for a while', [], { lockedUntil: creds.locked_until.toISOString() });
  }
  if (!(await verifyPassword(input.password, creds.password_hash))) {
    const failures = await incrementFailedLogins(db, creds.id);
    if (failures >= settings.maxFailedLogins) {
      const lockedUntil = new Date(Date.now() + settings.lockoutMinutes * 60_000);
      await touchStaff(db, creds.id, { locked_until: lockedUntil, failed_login_count: 0 });
      await recordFailure(db, creds.id, creds.username, 'wrong_password_locked', meta);
      throw new DomainError('AUTH_ACCOUNT_LOCKED', `Too many failed logins; the account is locked for ${settings.lockoutMinutes} minutes`, [], { lockedUntil: lockedUntil.toISOString() });
    }
    await recordFailure(db, creds.id, creds.username, 'wrong_password', meta);
    // No remaining-attempts count: it would tell a stranger that the username exists.
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'Username or password is wrong');
  }
  if (creds.status !== 'active') {
    await recordFailure(db, creds.id, creds.username, 'disabled', meta);
    throw new DomainError('AUTH_ACCOUNT_DISABLED', 'This account has been disabled; contact your administrator');
  }
  const token = generateToken();
  const expiresAt = new Date(Date.now() + settings.sessionTtlMinutes * 60_000);
  await inTransaction(db, async (tx) => {
    await touchStaff(tx, creds.id, { failed_login_count: 0, locked_until: null, last_login_at: new Date() });
    await insertSession(tx, {
      id: newId(),
      token_hash: hashToken(token, settings.sessionSecret),
      staff_id: creds.id,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    const staff = await findStaffById(tx, creds.id);
    await recordAuditEvent(tx, { ...actorFromStaff(staff!), requestId: meta.requestId }, { action: 'auth.login', entityType: 'staff', entityId: creds.id, data: { ip: meta.ip } });
  });
  return { token, expiresAt, staffId: creds.id };
}

interface StaffLike {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  org_unit_id: string;
  org_path: string;
  org_unit_level: TOrgLevel;
}

/** The actor a staff member acts as. */
export function actorFromStaff(staff: StaffLike): Actor {
  const roles = staff.roles as TRole[];
  return {
    kind: 'staff',
    id: staff.id,
    name: staff.username,
    displayName: staff.display_name,
    roles,
    permissions: permissionsOf(roles),
    orgUnitId: staff.org_unit_id,
    orgPath: staff.org_path,
    orgLevel: staff.org_unit_level,
    ownRecordsOnly: seesOwnRecordsOnly(roles),
  };
}

/** Ends the session the token belongs to. */
export async function logout(db: Executor, settings: AuthSettings, token: string, actor: Actor) {
  await inTransaction(db, async (tx) => {
    const revoked = await revokeSession(tx, hashToken(token, settings.sessionSecret));
    if (revoked) await recordAuditEvent(tx, actor, { action: 'auth.logout', entityType: 'staff', entityId: revoked.staff_id });
  });
}

const API_KEY_PATTERN = /^ak_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/;

/**
 * Resolves a session token or API key to an actor. A session is valid until it expires, sits idle
 * too long, is logged out, its user is disabled, or the password changes after it was opened.
 */
export async function authenticate(db: Executor, settings: AuthSettings, credentials: Credentials): Promise<AuthenticationResult> {
  if (credentials.apiKey) {
    const match = API_KEY_PATTERN.exec(credentials.apiKey);
    const key = match ? await findApiKeyForAuth(db, match[1]!) : undefined;
    const expected = key ? Buffer.from(key.secret_hash, 'hex') : undefined;
    const given = Buffer.from(hashToken(credentials.apiKey, settings.sessionSecret), 'hex');
    if (!key || !expected || !timingSafeEqual(expected, given) || key.revoked_at || (key.expires_at && key.expires_at.getTime() <= Date.now())) {
      return { failure: 'API_KEY_INVALID' };
    }
    if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > 60_000) await markApiKeyUsed(db, key.id);
    return {
      actor: {
        kind: 'api_key',
        id: key.id,
        name: key.name,
        displayName: key.name,
        roles: [],
        permissions: new Set(key.scopes as Actor['permissions'] extends ReadonlySet<infer P> ? P[] : never),
        orgUnitId: key.org_unit_id,
        orgPath: key.org_path,
        orgLevel: key.org_level,
        ownRecordsOnly: false,
      },
    };
  }
  if (!credentials.sessionToken) return undefined;
  const row = await findSessionWithStaff(db, hashToken(credentials.sessionToken, settings.sessionSecret));
  if (!row) return { failure: 'AUTH_SESSION_EXPIRED' };
  const now = Date.now();
  const idleLimit = settings.sessionIdleMinutes * 60_000;
  if (
    row.revoked_at ||
    row.expires_at.getTime() <= now ||
    now - row.last_seen_at.getTime() > idleLimit ||
    row.status !== 'active' ||
    (row.password_changed_at && row.password_changed_at.getTime() > row.session_created_at.getTime())
  ) {
    return { failure: 'AUTH_SESSION_EXPIRED' };
  }
  // Refresh the idle clock at most once a minute to keep reads cheap.
  if (now - row.last_seen_at.getTime() > 60_000) await touchSession(db, row.session_id);
  return {
    actor: actorFromStaff({ id: row.staff_id, username: row.username, display_name: row.display_name, roles: row.roles, org_unit_id: row.org_unit_id, org_path: row.org_path, org_unit_level: row.org_unit_level }),
  };
}

/** Changes the caller's own password; other sessions of the user end. */
export async function changePassword(db: Executor, actor: Actor, input: TChangePasswordRequest, currentToken: string | undefined, settings: AuthSettings) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN', 'Only staff accounts have passwords');
  const stored = await findStaffPasswordHash(db, actor.id);
  if (!stored || !(await verifyPassword(input.currentPassword, stored.password_hash))) {
    throw new DomainError('AUTH_WRONG_PASSWORD', 'The current password is wrong', [{ field: 'body.currentPassword', message: 'is wrong', rule: 'wrong_password' }]);
  }
  const problems = checkPasswordPolicy(input.newPassword, stored.username);
  if (input.newPassword === input.currentPassword) problems.push(rule('password_unchanged', 'must differ from the current password'));
  if (problems.length > 0) {
    throw new DomainError('AUTH_WEAK_PASSWORD', `The new password ${problems.map((p) => p.message).join('; ')}`, problems.map((p) => fieldProblem('body.newPassword', p)));
  }
  const hash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    // The current session stays valid: it is re-dated past the change; every other session ends.
    const changedAt = new Date();
    await touchStaff(tx, actor.id, { password_hash: hash, must_change_password: false, password_changed_at: changedAt });
    const current = currentToken ? await findSessionWithStaff(tx, hashToken(currentToken, settings.sessionSecret)) : undefined;
    await revokeOtherSessions(tx, actor.id, current?.session_id ?? null);
    if (current) await redateSession(tx, current.session_id, new Date(changedAt.getTime() + 1));
    await recordAuditEvent(tx, actor, { action: 'auth.password_changed', entityType: 'staff', entityId: actor.id });
  });
}

/** Saves the console language of the caller. */
export async function updateLocale(db: Executor, actor: Actor, locale: 'zh-CN' | 'en-US') {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN', 'Only staff accounts have a profile');
  await touchStaff(db, actor.id, { locale });
}
