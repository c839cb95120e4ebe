import { ZComplaint, ZComplaintActionRequest, ZComplaintList, ZComplaintListQuery, ZCreateComplaintRequest, ZId, ZPlaybookStepRequest, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { getComplaint, listComplaints } from './complaint-read.service.ts';
import { actOnComplaint, createComplaint, recordPlaybookStep, sweepComplaintClocks } from './complaint-write.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

/** Complaints (投诉): the desk, registration, the procedure's actions with their records, the playbook. */
export const complaintRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['complaints'];
    app.get(
      '/api/v1/complaints',
      { schema: { tags, summary: 'The complaint desk: complaints in the caller’s scope, nearest deadline first, with their clocks', querystring: ZComplaintListQuery, response: { 200: ZComplaintList, ...errors } } },
      async (request) => {
        // Opening the desk records warnings and breaches (and the escalations they cause) first.
        await sweepComplaintClocks(deps);
        return listComplaints(deps, actorOf(request), request.query);
      },
    );
    app.post(
      '/api/v1/complaints',
      { schema: { tags, summary: 'Register a complaint (any channel); accepts Idempotency-Key', body: ZCreateComplaintRequest, response: { 201: ZComplaint, ...errors } } },
      async (request, reply) => {
        const id = await createComplaint(deps, actorOf(request), request.body);
        return reply.status(201).send(await getComplaint(deps, actorOf(request), id));
      },
    );
    app.get('/api/v1/complaints/:id', { schema: { tags, summary: 'One complaint: the customer’s words, the four records, playbook, clocks (read audited)', params: ZIdParams, response: { 200: ZComplaint, ...errors } } }, async (request) =>
      getComplaint(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/complaints/:id/actions',
      {
        schema: {
          tags,
          summary: 'A step of the procedure: verify, register, transfer, escalate, coordinate, decide, extend, record_response, decide_review, close, withdraw, reopen',
          params: ZIdParams,
          body: ZComplaintActionRequest,
          response: { 200: ZComplaint, ...errors },
        },
      },
      async (request) => {
        await actOnComplaint(deps, actorOf(request), request.params.id, request.body);
        return getComplaint(deps, actorOf(request), request.params.id);
      },
    );
    app.post(
      '/api/v1/complaints/:id/playbook',
      { schema: { tags, summary: 'Tick off a step of the seven-step dispute playbook, with a note', params: ZIdParams, body: ZPlaybookStepRequest, response: { 200: ZComplaint, ...errors } } },
      async (request) => {
        await recordPlaybookStep(deps, actorOf(request), request.params.id, request.body);
        return getComplaint(deps, actorOf(request), request.params.id);
      },
    );
  };
