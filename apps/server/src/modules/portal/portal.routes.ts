import {
  ZPortalClaimDetail,
  ZPortalCodeRequest,
  ZPortalCodeSent,
  ZPortalLoginRequest,
  ZPortalLoginResponse,
  ZPortalMe,
  ZPortalReportClaimRequest,
  ZPortalUploadRequest,
  ZProblem,
  ZId,
  ZPortalComplaint,
  ZPortalComplaintRequest,
  ZPortalComplaintResponse,
} from '@anxin/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answered } from '../../platform/http/answered.ts';
import { PORTAL_COOKIE, actorOf, portalTokenOf } from '../../platform/http/authentication.ts';
import type { UrgentWork } from '../../platform/urgent-work.ts';
import { DocumentStore } from '../claims/index.ts';
import { portalLogin, portalLogout, requestPortalCode, PORTAL_SESSION_TTL_MS, type PortalDeps } from './portal-auth.service.ts';
import { addPortalDocument, complainFromPortal, getClaimForPortal, getPortalHome, reportClaimFromPortal } from './portal.service.ts';
import { getPortalComplaint, respondToPortalComplaint } from '../complaints/index.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem, 429: ZProblem };
const ZIdParams = z.object({ id: ZId });
const MAX_UPLOAD_BODY = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 64 * 1024;

export interface PortalRouteOptions {
  uploadDir: string;
  secureCookies: boolean;
  /** Per-IP limit on code requests and code checks, per minute. */
  rateLimitPerMinute: number;
  /** Sends the sign-in code at once rather than at the worker's next pass. */
  urgentWork: UrgentWork;
}

const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'], requestId: String(request.id) });

/**
 * The customer portal (/api/v1/portal): identification by policy number + ID number + a one-time
 * code to the mobile on file, then the customer's policies and claims, claim reporting, documents
 * and progress. Portal sessions never reach staff endpoints, and staff sessions never reach these.
 */
export const portalRoutes =
  (deps: PortalDeps, options: PortalRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const store = new DocumentStore(options.uploadDir);
    const tags = ['portal'];
    const rateLimit = { max: options.rateLimitPerMinute, timeWindow: '1 minute' };

    app.post(
      '/api/v1/portal/login/code',
      {
        config: { public: true, rateLimit },
        schema: { tags, summary: 'Portal login, step 1: policy number + ID number; sends a one-time code to the mobile on file', security: [], body: ZPortalCodeRequest, response: { 202: ZPortalCodeSent, ...errors } },
      },
      async (request, reply) => {
        const sent = await requestPortalCode(deps, request.body, meta(request));
        options.urgentWork.request(answered(reply));
        return reply.status(202).send(sent);
      },
    );
    app.post(
      '/api/v1/portal/login',
      {
        config: { public: true, rateLimit },
        schema: { tags, summary: 'Portal login, step 2: the one-time code; sets the httpOnly portal session cookie', security: [], body: ZPortalLoginRequest, response: { 200: ZPortalLoginResponse, ...errors } },
      },
      async (request, reply) => {
        const session = await portalLogin(deps, request.body, meta(request));
        reply.setCookie(PORTAL_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/api/v1/portal', maxAge: PORTAL_SESSION_TTL_MS / 1000 });
        return { expiresAt: session.expiresAt.toISOString() };
      },
    );
    app.post('/api/v1/portal/logout', { schema: { tags, summary: 'End the portal session', response: { 204: z.null(), ...errors } } }, async (request, reply) => {
      const token = portalTokenOf(request);
      if (token) await portalLogout(deps, actorOf(request), token);
      reply.clearCookie(PORTAL_COOKIE, { path: '/api/v1/portal' });
      return reply.status(204).send(null);
    });
    app.get('/api/v1/portal/me', { schema: { tags, summary: 'The signed-in customer: policies (and whom they may claim for) and claims', response: { 200: ZPortalMe, ...errors } } }, async (request) =>
      getPortalHome(deps, actorOf(request)),
    );
    app.post(
      '/api/v1/portal/claims',
      { schema: { tags, summary: 'Report a claim from the portal; accepts Idempotency-Key (a retry never makes a second claim)', body: ZPortalReportClaimRequest, response: { 201: ZPortalClaimDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await reportClaimFromPortal(deps, actorOf(request), request.body)),
    );
    app.get('/api/v1/portal/claims/:id', { schema: { tags, summary: 'One of the customer’s claims: progress in plain language, what happens next and by when, documents still needed', params: ZIdParams, response: { 200: ZPortalClaimDetail, ...errors } } }, async (request) =>
      getClaimForPortal(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/portal/complaints',
      { schema: { tags, summary: 'Complain (channel portal); accepts Idempotency-Key', body: ZPortalComplaintRequest, response: { 201: ZPortalComplaint, ...errors } } },
      async (request, reply) => reply.status(201).send(await complainFromPortal(deps, actorOf(request), request.body)),
    );
    app.get('/api/v1/portal/complaints/:id', { schema: { tags, summary: 'One of the customer’s complaints: steps in plain language, the decision, what comes next and by when', params: ZIdParams, response: { 200: ZPortalComplaint, ...errors } } }, async (request) =>
      getPortalComplaint(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/portal/complaints/:id/response',
      { schema: { tags, summary: 'The customer accepts the decision (closed) or disputes it (review one level up)', params: ZIdParams, body: ZPortalComplaintResponse, response: { 200: ZPortalComplaint, ...errors } } },
      async (request) => respondToPortalComplaint(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/portal/claims/:id/documents',
      { bodyLimit: MAX_UPLOAD_BODY, schema: { tags, summary: 'Add a document to one of the customer’s open claims (JPEG, PNG or PDF, at most 10 MB, base64)', params: ZIdParams, body: ZPortalUploadRequest, response: { 201: ZPortalClaimDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await addPortalDocument(deps, store, actorOf(request), request.params.id, request.body)),
    );
  };
