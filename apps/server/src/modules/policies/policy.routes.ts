import {
  ZCreateEndorsementRequest,
  ZCreatePolicyRequest,
  ZId,
  ZPolicy,
  ZPolicyList,
  ZPolicyListQuery,
  ZPolicyStatusChangeRequest,
  ZProblem,
  ZUnderwritingDecisionList,
  ZUnderwritingDecisionRequest,
  ZUnderwritingQueue,
  ZUnderwritingQueueQuery,
  ZUpdatePolicyRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { recordEndorsement } from './endorsement.service.ts';
import { presentPolicy, presentPolicySummary, presentUnderwritingDecision, presentUnderwritingQueueItem } from './policy.presenter.ts';
import { changePolicyStatus, createPolicy, getPolicy, listPolicies, updatePolicy } from './policy.service.ts';
import { decideApplication, listPolicyUnderwritingDecisions, listUnderwritingQueue } from './underwriting.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

export const policyRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/policies',
      {
        schema: {
          tags: ['policies'],
          summary: 'Policies in the caller’s data scope, filtered; keyset pages (customerId matches any role)',
          querystring: ZPolicyListQuery,
          response: { 200: ZPolicyList, ...errors },
        },
      },
      async (request) => {
        const page = await listPolicies(deps, actorOf(request), request.query);
        return { items: page.items.map(presentPolicySummary), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/api/v1/policies',
      {
        schema: {
          tags: ['policies'],
          summary: 'Enter a policy (policy number generated when omitted; accepts Idempotency-Key)',
          body: ZCreatePolicyRequest,
          response: { 201: ZPolicy, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentPolicy(await createPolicy(deps, actorOf(request), request.body))),
    );
    app.get(
      '/api/v1/policies/:id',
      { schema: { tags: ['policies'], summary: 'One policy with parties, coverages and endorsements', params: ZIdParams, response: { 200: ZPolicy, ...errors } } },
      async (request) => presentPolicy(await getPolicy(deps, actorOf(request), request.params.id)),
    );
    app.patch(
      '/api/v1/policies/:id',
      {
        schema: {
          tags: ['policies'],
          summary: 'Change a policy’s sum insured, premium, frequency, expiry or agent (with version)',
          params: ZIdParams,
          body: ZUpdatePolicyRequest,
          response: { 200: ZPolicy, ...errors },
        },
      },
      async (request) => presentPolicy(await updatePolicy(deps, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/policies/:id/status',
      {
        schema: {
          tags: ['policies'],
          summary: 'Change a policy’s status along the allowed transitions (lapse, reinstate, expire, cancel in cooling-off)',
          params: ZIdParams,
          body: ZPolicyStatusChangeRequest,
          response: { 200: ZPolicy, ...errors },
        },
      },
      async (request) => presentPolicy(await changePolicyStatus(deps, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/policies/:id/endorsements',
      {
        schema: {
          tags: ['policies'],
          summary: 'Record an endorsement (保全): address, beneficiary or payment-method change, surrender, other; returns the policy',
          params: ZIdParams,
          body: ZCreateEndorsementRequest,
          response: { 201: ZPolicy, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentPolicy(await recordEndorsement(deps, actorOf(request), request.params.id, request.body))),
    );
    app.get(
      '/api/v1/underwriting/queue',
      {
        schema: {
          tags: ['underwriting'],
          summary: 'The underwriting queue: applications (pending policies) in scope, the longest waiting first',
          querystring: ZUnderwritingQueueQuery,
          response: { 200: ZUnderwritingQueue, ...errors },
        },
      },
      async (request) => {
        const { items, nextCursor } = await listUnderwritingQueue(deps, actorOf(request), request.query);
        return { items: items.map(presentUnderwritingQueueItem), nextCursor };
      },
    );
    app.get(
      '/api/v1/policies/:id/underwriting-decisions',
      {
        schema: {
          tags: ['underwriting'],
          summary: 'A policy’s underwriting decisions, with their reasons and the premium each set',
          params: ZIdParams,
          response: { 200: ZUnderwritingDecisionList, ...errors },
        },
      },
      async (request) => ({ items: (await listPolicyUnderwritingDecisions(deps, actorOf(request), request.params.id)).map(presentUnderwritingDecision) }),
    );
    app.post(
      '/api/v1/policies/:id/underwriting-decisions',
      {
        schema: {
          tags: ['underwriting'],
          summary: 'Decide an application: standard, preferential or conditional terms issue the policy; declined cancels it. Returns the policy',
          params: ZIdParams,
          body: ZUnderwritingDecisionRequest,
          response: { 201: ZPolicy, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentPolicy(await decideApplication(deps, actorOf(request), request.params.id, request.body))),
    );
  };
