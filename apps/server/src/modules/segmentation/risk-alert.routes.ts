import { ZAssignRiskAlertRequest, ZCloseRiskAlertRequest, ZId, ZProblem, ZReviewRiskAlertRequest, ZRiskAlert, ZRiskAlertList, ZRiskAlertQuery } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { actOnRiskAlert, getRiskAlert, listRiskAlerts } from './risk-alert.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

/** Early-warning alerts (S7): multi-claim and high loss-ratio customers, assigned, reviewed and closed with a decision. */
export const riskAlertRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['risk alerts'];
    app.get('/api/v1/risk-alerts', { schema: { tags, summary: 'The risk-alert queue in my scope: active (open and in review) by default, newest first', querystring: ZRiskAlertQuery, response: { 200: ZRiskAlertList, ...errors } } }, async (request) =>
      listRiskAlerts(deps, actorOf(request), request.query),
    );
    app.get('/api/v1/risk-alerts/:id', { schema: { tags, summary: 'One risk alert with the figures that raised it', params: ZIdParams, response: { 200: ZRiskAlert, ...errors } } }, async (request) =>
      getRiskAlert(deps, actorOf(request), request.params.id),
    );
    app.post('/api/v1/risk-alerts/:id/assign', { schema: { tags, summary: 'Assign an open or in-review alert to staff of its unit who work risk alerts (with its version)', params: ZIdParams, body: ZAssignRiskAlertRequest, response: { 200: ZRiskAlert, ...errors } } }, async (request) =>
      actOnRiskAlert(deps, actorOf(request), request.params.id, { kind: 'assign', input: request.body }),
    );
    app.post('/api/v1/risk-alerts/:id/review', { schema: { tags, summary: 'Take an open alert into review (the reviewer becomes the assignee if there is none)', params: ZIdParams, body: ZReviewRiskAlertRequest, response: { 200: ZRiskAlert, ...errors } } }, async (request) =>
      actOnRiskAlert(deps, actorOf(request), request.params.id, { kind: 'review', input: request.body }),
    );
    app.post('/api/v1/risk-alerts/:id/close', { schema: { tags, summary: 'Close an alert with a decision and note; blacklist_proposed files a pending blacklist request for approval', params: ZIdParams, body: ZCloseRiskAlertRequest, response: { 200: ZRiskAlert, ...errors } } }, async (request) =>
      actOnRiskAlert(deps, actorOf(request), request.params.id, { kind: 'close', input: request.body }),
    );
  };
