import { ZAuditPage, ZAuditQuery, ZAuditVerification, ZAuditVerificationList, ZAuditVerifyResult, ZProblem } from '@anxin/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db/database.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { answered } from '../../platform/http/answered.ts';
import { getAuditVerification, listAuditVerifications, requestAuditVerification } from './audit-verification.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { presentAuditEvent } from './audit.presenter.ts';
import { searchAuditEvents, verifyAuditChainAs } from './audit.service.ts';

export const auditRoutes =
  (db: Db, options: { jobs: BackgroundJobs }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/audit-events',
      {
        schema: {
          tags: ['audit'],
          summary: 'Search the audit trail (admin, compliance auditor)',
          querystring: ZAuditQuery,
          response: { 200: ZAuditPage, 401: ZProblem, 403: ZProblem },
        },
      },
      async (request) => {
        const { total, rows, labels } = await searchAuditEvents(db, actorOf(request), request.query);
        return { items: rows.map((row) => presentAuditEvent(row, labels)), total, page: request.query.page, pageSize: request.query.pageSize };
      },
    );
    app.get(
      '/api/v1/audit-events/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Walk the hash chain and report the first broken link (head office only)',
          response: { 200: ZAuditVerifyResult, 401: ZProblem, 403: ZProblem },
        },
      },
      async (request) => verifyAuditChainAs(db, actorOf(request)),
    );
    const problems = { 401: ZProblem, 403: ZProblem, 404: ZProblem };
    app.post(
      '/api/v1/audit-events/verifications',
      { schema: { tags: ['audit'], summary: 'Walk the hash chain as a job and answer at once (head office only); poll the verification for its result', response: { 202: ZAuditVerification, ...problems } } },
      async (request, reply) => reply.status(202).send(await requestAuditVerification(db, actorOf(request), options.jobs, new Date(), answered(reply))),
    );
    app.get(
      '/api/v1/audit-events/verifications',
      { schema: { tags: ['audit'], summary: 'The latest walks of the hash chain, newest first (head office only)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }), response: { 200: ZAuditVerificationList, ...problems } } },
      async (request) => ({ items: await listAuditVerifications(db, actorOf(request), request.query.limit) }),
    );
    app.get(
      '/api/v1/audit-events/verifications/:id',
      { schema: { tags: ['audit'], summary: 'One walk of the hash chain: queued, running, done (with its result) or failed', params: z.object({ id: z.string().max(20) }), response: { 200: ZAuditVerification, ...problems } } },
      async (request) => getAuditVerification(db, actorOf(request), request.params.id),
    );
  };
