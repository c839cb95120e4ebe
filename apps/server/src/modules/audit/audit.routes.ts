import { ZAuditPage, ZAuditQuery, ZAuditVerifyResult, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { presentAuditEvent } from './audit.presenter.ts';
import { searchAuditEvents, verifyAuditChainAs } from './audit.service.ts';

export const auditRoutes =
  (db: Db): FastifyPluginAsyncZod =>
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
        const { total, rows } = await searchAuditEvents(db, actorOf(request), request.query);
        return { items: rows.map(presentAuditEvent), total, page: request.query.page, pageSize: request.query.pageSize };
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
  };
