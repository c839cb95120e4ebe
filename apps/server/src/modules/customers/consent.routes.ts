import { ZConsent, ZConsentChangeRequest, ZConsentHistory, ZConsentList, ZCursorQuery, ZId, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { changeConsent, listConsentHistory, listConsents } from './consent.service.ts';
import { presentConsent, presentConsentEvent } from './customer.presenter.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });
const tags = ['consents'];

export const consentRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/customers/:id/consents',
      { schema: { tags, summary: 'Current consent per purpose and channel (PIPL)', params: ZIdParams, response: { 200: ZConsentList, ...errors } } },
      async (request) => ({ items: (await listConsents(deps, actorOf(request), request.params.id)).map(presentConsent) }),
    );
    for (const [path, action, summary] of [
      ['grant', 'granted', 'Record a consent with its evidence'],
      ['withdraw', 'withdrawn', 'Record the withdrawal of a consent with its evidence'],
    ] as const) {
      app.post(
        `/api/v1/customers/:id/consents/${path}`,
        { schema: { tags, summary, params: ZIdParams, body: ZConsentChangeRequest, response: { 200: ZConsent, ...errors } } },
        async (request) => presentConsent(await changeConsent(deps, actorOf(request), request.params.id, action, request.body)),
      );
    }
    app.get(
      '/api/v1/customers/:id/consents/history',
      { schema: { tags, summary: 'Every grant and withdrawal, newest first', params: ZIdParams, querystring: ZCursorQuery, response: { 200: ZConsentHistory, ...errors } } },
      async (request) => {
        const page = await listConsentHistory(deps, actorOf(request), request.params.id, request.query);
        return { items: page.items.map(presentConsentEvent), nextCursor: page.nextCursor };
      },
    );
  };
