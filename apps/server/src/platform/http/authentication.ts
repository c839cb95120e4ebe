import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';

export const SESSION_COOKIE = 'anxin_session';
/** The customer portal's session cookie (path /api/v1/portal). */
export const PORTAL_COOKIE = 'anxin_portal';
/** Requests under this prefix authenticate with a portal session only, never a staff credential. */
const PORTAL_PREFIX = '/api/v1/portal/';

/** What a request presented to prove who it is. */
export interface Credentials {
  sessionToken?: string;
  apiKey?: string;
  /** A customer portal session (cookie or bearer token on /api/v1/portal/ routes). */
  portalToken?: string;
  ip: string;
  userAgent?: string;
}

/** Outcome of checking credentials: an actor, or why there is none. */
export type AuthFailure = 'AUTH_SESSION_EXPIRED' | 'API_KEY_INVALID' | 'PORTAL_SESSION_EXPIRED';
export type AuthenticationResult = { actor: Actor } | { failure: AuthFailure } | undefined;

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    authFailure?: AuthFailure;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session or API key (login, health, docs). */
    public?: boolean;
  }
}

/** The portal session token a request presents (bearer token or the portal cookie). */
export function portalTokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return request.cookies?.[PORTAL_COOKIE];
}

function credentialsOf(request: FastifyRequest): Credentials {
  const credentials: Credentials = { ip: request.ip, userAgent: request.headers['user-agent'] };
  if (request.url.startsWith(PORTAL_PREFIX)) {
    const token = portalTokenOf(request);
    if (token) credentials.portalToken = token;
    return credentials;
  }
  const auth = request.headers.authorization;
  const apiKeyHeader = request.headers['x-api-key'];
  if (typeof apiKeyHeader === 'string' && apiKeyHeader) credentials.apiKey = apiKeyHeader;
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice(7).trim();
    if (token.startsWith('ak_')) credentials.apiKey = token;
    else credentials.sessionToken = token;
  } else {
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) credentials.sessionToken = cookie;
  }
  return credentials;
}

/**
 * Resolves the actor of every request (session cookie, bearer token or API key) with the
 * `authenticate` function the composition root provides, and rejects non-public routes without one
 * before their input is even validated (so a stranger learns nothing from validation errors).
 */
export function registerAuthentication(app: FastifyInstance, authenticate: (c: Credentials) => Promise<AuthenticationResult>) {
  app.addHook('onRequest', async (request) => {
    const credentials = credentialsOf(request);
    if (credentials.sessionToken || credentials.apiKey || credentials.portalToken) {
      const result = await authenticate(credentials);
      if (result && 'actor' in result) request.actor = { ...result.actor, requestId: String(request.id) };
      else if (result) request.authFailure = result.failure;
    }
    const isPublic =
      request.routeOptions.config?.public === true || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs');
    if (!isPublic && !request.actor) {
      if (request.authFailure === 'AUTH_SESSION_EXPIRED') throw new DomainError('AUTH_SESSION_EXPIRED', 'Your session has expired; please log in again');
      if (request.authFailure === 'PORTAL_SESSION_EXPIRED') throw new DomainError('PORTAL_SESSION_EXPIRED', 'Your portal session has ended; please identify again');
      if (request.authFailure === 'API_KEY_INVALID') throw new DomainError('API_KEY_INVALID', 'The API key is unknown, revoked or expired');
      throw new DomainError('UNAUTHENTICATED', 'Log in or present an API key to use this endpoint');
    }
  });
}

/** The authenticated actor of a non-public route (the onRequest hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Log in or present an API key to use this endpoint');
  return request.actor;
}
