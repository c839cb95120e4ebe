import { ZBlacklistEntry, ZBlacklistList, ZBlacklistQuery, ZCreateBlacklistEntryRequest, ZDecideBlacklistEntryRequest, ZId, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { decideBlacklistEntry, getBlacklistEntry, listBlacklist, requestBlacklistEntry } from './blacklist.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

/** The blacklist (S6): requests with reason and evidence, four-eyes approval, expiry and lifting; every look-up audited. */
export const blacklistRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['blacklist'];
    app.get('/api/v1/blacklist', { schema: { tags, summary: 'Look up the blacklist in my scope (audited), newest request first; status in_effect = approved and within its dates today', querystring: ZBlacklistQuery, response: { 200: ZBlacklistList, ...errors } } }, async (request) =>
      listBlacklist(deps, actorOf(request), request.query),
    );
    app.get('/api/v1/blacklist/:id', { schema: { tags, summary: 'One blacklist entry (audited)', params: ZIdParams, response: { 200: ZBlacklistEntry, ...errors } } }, async (request) =>
      getBlacklistEntry(deps, actorOf(request), request.params.id),
    );
    app.post('/api/v1/blacklist', { schema: { tags, summary: 'Request that a customer be blacklisted, with reason, evidence and dates; another person approves; accepts Idempotency-Key', body: ZCreateBlacklistEntryRequest, response: { 201: ZBlacklistEntry, ...errors } } }, async (request, reply) =>
      reply.status(201).send(await requestBlacklistEntry(deps, actorOf(request), request.body)),
    );
    app.post('/api/v1/blacklist/:id/approve', { schema: { tags, summary: 'Approve a pending request (not one’s own): the entry takes effect from its start date until it expires', params: ZIdParams, body: ZDecideBlacklistEntryRequest, response: { 200: ZBlacklistEntry, ...errors } } }, async (request) =>
      decideBlacklistEntry(deps, actorOf(request), request.params.id, 'approve', request.body),
    );
    app.post('/api/v1/blacklist/:id/reject', { schema: { tags, summary: 'Reject a pending request (not one’s own)', params: ZIdParams, body: ZDecideBlacklistEntryRequest, response: { 200: ZBlacklistEntry, ...errors } } }, async (request) =>
      decideBlacklistEntry(deps, actorOf(request), request.params.id, 'reject', request.body),
    );
    app.post('/api/v1/blacklist/:id/lift', { schema: { tags, summary: 'Lift an active entry before its expiry, with the reason', params: ZIdParams, body: ZDecideBlacklistEntryRequest, response: { 200: ZBlacklistEntry, ...errors } } }, async (request) =>
      decideBlacklistEntry(deps, actorOf(request), request.params.id, 'lift', request.body),
    );
  };
