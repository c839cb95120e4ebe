import { randomInt, timingSafeEqual } from 'node:crypto';
import type { TFieldParams, TPortalCodeRequest, TPortalCodeSent, TPortalLoginRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { maskMobile } from '../../platform/crypto/masking.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findCustomerIdByIdNumber, findPortalIdentity } from '../customers/index.ts';
import { findPolicyByNumberForPortal, listPolicyPartyIds } from '../policies/index.ts';
import { consumeChallenge, countFailedAttempt, countRecentChallenges, findChallenge, findPortalSession, insertChallenge, insertPortalSession, revokePortalSession, touchPortalSession } from './portal.repository.ts';

/** How long a one-time code is valid, how often it may be tried, and how often one may be sent. */
export const PORTAL_CODE_TTL_MS = 5 * 60_000;
export const PORTAL_CODE_MAX_ATTEMPTS = 5;
export const PORTAL_CODE_RESEND_MS = 60_000;
export const PORTAL_CODES_PER_HOUR = 5;
/** A portal session lasts at most 2 hours and ends after 30 minutes without use. */
export const PORTAL_SESSION_TTL_MS = 2 * 60 * 60_000;
export const PORTAL_SESSION_IDLE_MS = 30 * 60_000;

export interface PortalDeps extends ModuleDeps {
  /** Pepper for hashing codes and session tokens (the server's session secret). */
  secret: Buffer;
}

interface RequestMeta {
  ip: string;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

/** The actor of a signed-in customer: no staff permission at all; the portal services decide what is theirs. */
export function customerActor(identity: { id: string; orgUnitId: string; orgPath: string; orgLevel: Actor['orgLevel'] }, requestId?: string): Actor {
  return { kind: 'customer', id: identity.id, name: 'portal', displayName: 'portal', roles: [], permissions: new Set(), orgUnitId: identity.orgUnitId, orgPath: identity.orgPath, orgLevel: identity.orgLevel, ownRecordsOnly: true, requestId };
}

async function recordFailure(deps: PortalDeps, customerId: string | null, reason: string, meta: RequestMeta, data: Record<string, unknown> = {}) {
  await inTransaction(deps.db, (tx) =>
    recordAuditEvent(tx, null, { action: 'portal.login_failed', entityType: 'customer', entityId: customerId, customerId, requestId: meta.requestId ?? null, data: { reason, ip: meta.ip, ...data } }),
  );
}

const codeHash = (deps: PortalDeps, challengeId: string, code: string) => hashToken(`${challengeId}:${code}`, deps.secret);

/**
 * Step 1 of the portal login: the policy number and the ID number of its policyholder or an insured.
 * A 6-digit code goes to the mobile on file through the outbox (encrypted there; the development
 * inbox shows it). A wrong pair gets one answer, whichever half is wrong.
 */
export async function requestPortalCode(deps: PortalDeps, input: TPortalCodeRequest, meta: RequestMeta, now = new Date()): Promise<TPortalCodeSent> {
  const policy = await findPolicyByNumberForPortal(deps, input.policyNo);
  const customerId = /^[0-9]{15}$|^[0-9]{17}[0-9Xx]$/.test(input.idNumber.replace(/[\s-]/g, '')) ? await findCustomerIdByIdNumber(deps, input.idNumber) : undefined;
  const parties = policy ? await listPolicyPartyIds(deps, policy.id) : [];
  if (!policy || !customerId || !parties.includes(customerId)) {
    await recordFailure(deps, null, 'identity_mismatch', meta, { policyNo: input.policyNo.trim().toUpperCase() });
    throw new DomainError('PORTAL_IDENTITY_MISMATCH', 'The policy number and ID number do not match our records', [
      { field: 'body.idNumber', message: 'does not match a policyholder or insured person of this policy', rule: 'identity_mismatch' },
    ]);
  }
  const identity = (await findPortalIdentity(deps, customerId))!;
  if (!identity.mobile) {
    await recordFailure(deps, customerId, 'no_mobile', meta);
    throw new DomainError('PORTAL_NO_MOBILE', 'No mobile number is on file for you; please call our service hotline to add one');
  }
  if ((await countRecentChallenges(deps.db, customerId, new Date(now.getTime() - PORTAL_CODE_RESEND_MS))) > 0) {
    throw new DomainError('RATE_LIMITED', 'A code was sent less than a minute ago; wait a moment before asking for another');
  }
  if ((await countRecentChallenges(deps.db, customerId, new Date(now.getTime() - 3_600_000))) >= PORTAL_CODES_PER_HOUR) {
    await recordFailure(deps, customerId, 'too_many_codes', meta);
    throw new DomainError('RATE_LIMITED', 'Too many codes were asked for in the last hour; try again later');
  }
  const challengeId = newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + PORTAL_CODE_TTL_MS);
  const sentTo = maskMobile(identity.mobile.number) ?? '';
  await inTransaction(deps.db, async (tx) => {
    await insertChallenge(tx, { customer_id: customerId, id: challengeId, policy_id: policy.id, contact_id: identity.mobile!.contactId, code_hash: codeHash(deps, challengeId, code), expires_at: expiresAt, ip: meta.ip, created_at: now });
    await insertOutbox(tx, 'message.portal_login_code', customerId, challengeId, {
      channel: 'sms',
      contactId: identity.mobile!.contactId,
      to: sentTo,
      codeEnc: deps.cipher.encrypt(code),
      expiresAt: expiresAt.toISOString(),
    });
    await recordAuditEvent(tx, customerActor(identity, meta.requestId), { action: 'portal.code_sent', entityType: 'customer', entityId: customerId, customerId, data: { policyId: policy.id, sentTo, ip: meta.ip } });
  });
  return { challengeId, sentTo, expiresAt: expiresAt.toISOString() };
}

/** Step 2: the code. Five wrong tries, expiry or a second use end the challenge. */
export async function portalLogin(deps: PortalDeps, input: TPortalLoginRequest, meta: RequestMeta, now = new Date()) {
  const challenge = await findChallenge(deps.db, input.challengeId);
  const invalid = (message: string, params?: TFieldParams) => new DomainError('PORTAL_CODE_INVALID', message, [{ field: 'body.code', message, rule: 'code_invalid', ...(params ? { params } : {}) }]);
  if (!challenge) {
    await recordFailure(deps, null, 'unknown_challenge', meta);
    throw invalid('This code is not valid; ask for a new one');
  }
  if (challenge.consumed_at || challenge.expires_at.getTime() <= now.getTime() || challenge.attempts >= PORTAL_CODE_MAX_ATTEMPTS) {
    await recordFailure(deps, challenge.customer_id, challenge.consumed_at ? 'code_used' : challenge.attempts >= PORTAL_CODE_MAX_ATTEMPTS ? 'too_many_attempts' : 'code_expired', meta);
    throw invalid('This code has expired or was already used; ask for a new one');
  }
  const expected = Buffer.from(challenge.code_hash, 'hex');
  const given = Buffer.from(codeHash(deps, challenge.id, input.code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    await countFailedAttempt(deps.db, challenge.id);
    await recordFailure(deps, challenge.customer_id, 'wrong_code', meta);
    const left = PORTAL_CODE_MAX_ATTEMPTS - challenge.attempts - 1;
    throw invalid(left > 0 ? `The code is wrong; ${left} tries left` : 'The code is wrong; ask for a new one', { triesLeft: left });
  }
  const identity = (await findPortalIdentity(deps, challenge.customer_id))!;
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_MS);
  await inTransaction(deps.db, async (tx) => {
    if (!(await consumeChallenge(tx, challenge.id, now))) throw invalid('This code has expired or was already used; ask for a new one');
    await insertPortalSession(tx, { customer_id: challenge.customer_id, id: newId(), token_hash: hashToken(token, deps.secret), expires_at: expiresAt, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null, created_at: now, last_seen_at: now });
    await recordAuditEvent(tx, customerActor(identity, meta.requestId), { action: 'portal.login', entityType: 'customer', entityId: challenge.customer_id, customerId: challenge.customer_id, data: { ip: meta.ip } });
  });
  return { token, expiresAt };
}

/** The customer behind a portal session token, or why there is none. */
export async function authenticatePortal(deps: PortalDeps, token: string, now = new Date()): Promise<{ actor: Actor } | { failure: 'PORTAL_SESSION_EXPIRED' }> {
  const session = await findPortalSession(deps.db, hashToken(token, deps.secret));
  if (!session || session.revoked_at || session.expires_at.getTime() <= now.getTime() || now.getTime() - session.last_seen_at.getTime() > PORTAL_SESSION_IDLE_MS) {
    return { failure: 'PORTAL_SESSION_EXPIRED' };
  }
  const identity = await findPortalIdentity(deps, session.customer_id);
  if (!identity) return { failure: 'PORTAL_SESSION_EXPIRED' };
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) await touchPortalSession(deps.db, session.id, now);
  return { actor: customerActor(identity) };
}

export async function portalLogout(deps: PortalDeps, actor: Actor, token: string) {
  await inTransaction(deps.db, async (tx) => {
    const revoked = await revokePortalSession(tx, hashToken(token, deps.secret), new Date());
    if (revoked) await recordAuditEvent(tx, actor, { action: 'portal.logout', entityType: 'customer', entityId: revoked.customer_id, customerId: revoked.customer_id });
  });
}
