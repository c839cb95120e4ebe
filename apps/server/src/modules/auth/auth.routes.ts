import {
  ZApiKey,
  ZColleagueList,
  ZColleagueQuery,
  ZChangePasswordRequest,
  ZCreateApiKeyRequest,
  ZCreatedApiKey,
  ZId,
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZProblem,
  ZUpdateProfileRequest,
} from '@anxin/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { SESSION_COOKIE, actorOf } from '../../platform/http/authentication.ts';
import { findStaffById } from '../org/index.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.ts';
import { presentApiKey, presentMe } from './auth.presenter.ts';
import { listColleagues } from './colleague.service.ts';
import { changePassword, login, logout, updateLocale, type AuthSettings } from './auth.service.ts';

export interface AuthRouteOptions {
  settings: AuthSettings;
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

function currentToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ') && !auth.startsWith('Bearer ak_')) return auth.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

async function me(db: Db, request: FastifyRequest) {
  const actor = actorOf(request);
  const staff = actor.kind === 'staff' ? await findStaffById(db, actor.id) : undefined;
  if (!staff) throw notFound('Staff account for this credential');
  return presentMe(staff);
}

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export const authRoutes =
  (db: Db, options: AuthRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const setCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', expires: expiresAt });

    app.post(
      '/api/v1/auth/login',
      {
        config: {
          public: true,
          rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Log in: sets the httpOnly session cookie and returns a bearer token for API clients',
          body: ZLoginRequest,
          response: { 200: ZLoginResponse, 400: ZProblem, 401: ZProblem, 403: ZProblem, 423: ZProblem, 429: ZProblem },
        },
      },
      async (request, reply) => {
        const { token, expiresAt, staffId } = await login(db, options.settings, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: String(request.id),
        });
        const staff = await findStaffById(db, staffId);
        setCookie(reply, token, expiresAt);
        return { token, expiresAt: expiresAt.toISOString(), user: presentMe(staff!) };
      },
    );
    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), 401: ZProblem } } },
      async (request, reply) => {
        const token = currentToken(request);
        if (token) await logout(db, options.settings, token, actorOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
    app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: ZMe, ...errors } } }, async (request) =>
      me(db, request),
    );
    app.patch(
      '/api/v1/auth/me',
      { schema: { tags: ['auth'], summary: 'Save the console language', body: ZUpdateProfileRequest, response: { 200: ZMe, ...errors } } },
      async (request) => {
        await updateLocale(db, actorOf(request), request.body.locale);
        return me(db, request);
      },
    );
    app.post(
      '/api/v1/auth/password',
      { schema: { tags: ['auth'], summary: 'Change your own password (other sessions end)', body: ZChangePasswordRequest, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await changePassword(db, actorOf(request), request.body, currentToken(request), options.settings);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/colleagues',
      {
        schema: {
          tags: ['staff'],
          summary: 'Colleagues to pick (assignee, owner agent): active staff of your subtree, names and units only; filter by name, role, permission or unit',
          querystring: ZColleagueQuery,
          response: { 200: ZColleagueList, ...errors },
        },
      },
      async (request) => listColleagues(db, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/api-keys',
      { schema: { tags: ['api-keys'], summary: 'API keys of your subtree (admin)', response: { 200: z.object({ items: z.array(ZApiKey) }), ...errors } } },
      async (request) => ({ items: (await listApiKeys(db, actorOf(request))).map(presentApiKey) }),
    );
    app.post(
      '/api/v1/api-keys',
      { schema: { tags: ['api-keys'], summary: 'Issue an API key (the secret is shown once)', body: ZCreateApiKeyRequest, response: { 201: ZCreatedApiKey, ...errors } } },
      async (request, reply) => {
        const { row, secret } = await createApiKey(db, actorOf(request), request.body, options.settings.sessionSecret);
        return reply.status(201).send({ apiKey: presentApiKey(row), secret });
      },
    );
    app.delete(
      '/api/v1/api-keys/:id',
      { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: z.object({ id: ZId }), response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await revokeApiKey(db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
