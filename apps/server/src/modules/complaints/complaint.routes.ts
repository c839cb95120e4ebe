import { ZCorrectiveAction, ZCorrectiveActionList, ZCorrectiveActionListQuery, ZCorrectiveActionProgressRequest, ZCreateCorrectiveActionRequest, ZComplaint, ZComplaintActionRequest, ZComplaintAnalysis, ZComplaintAnalysisQuery, ZComplaintList, ZComplaintListQuery, ZCreateComplaintRequest, ZId, ZPlaybookStepRequest, ZProblem } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { complaintAnalysis } from './complaint-analysis.service.ts';
import { createCorrectiveAction, escalateOverdueActions, listCorrectiveActions, progressCorrectiveAction } from './corrective-action.service.ts';
import { analysisWorkbook } from './complaint-analysis.xlsx.ts';
import { getComplaint, listComplaints } from './complaint-read.service.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
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
    app.get(
      '/api/v1/complaints/analysis',
      { schema: { tags, summary: 'Monthly complaint analysis (客户投诉分析表) for a unit (default: the caller’s) and month', querystring: ZComplaintAnalysisQuery, response: { 200: ZComplaintAnalysis, ...errors } } },
      async (request) => complaintAnalysis(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/complaints/analysis.xlsx',
      { schema: { tags, summary: 'The monthly complaint analysis as an XLSX workbook (audited as an export)', querystring: ZComplaintAnalysisQuery, response: { 200: z.string().meta({ description: 'XLSX file' }), ...errors } } },
      async (request, reply) => {
        const actor = actorOf(request);
        const analysis = await complaintAnalysis(deps, actor, request.query);
        const file = await analysisWorkbook(analysis);
        await recordStandaloneAuditEvent(deps.db, actor, { action: 'export.created', entityType: 'complaint', entityId: null, data: { kind: 'complaint_analysis', month: analysis.month, unitId: analysis.unit.id } });
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="complaint-analysis-${analysis.month}.xlsx"`)
          .send(file as unknown as string);
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
    // — corrective actions (纠改措施) —
    const actionTags = ['corrective actions'];
    app.get(
      '/api/v1/corrective-actions',
      { schema: { tags: actionTags, summary: 'Corrective actions owned by units in the caller’s scope, earliest due first (overdue ones are escalated first)', querystring: ZCorrectiveActionListQuery, response: { 200: ZCorrectiveActionList, ...errors } } },
      async (request) => {
        await escalateOverdueActions(deps);
        return listCorrectiveActions(deps, actorOf(request), request.query);
      },
    );
    app.post(
      '/api/v1/corrective-actions',
      { schema: { tags: actionTags, summary: 'Create a corrective action from a complaint or a month’s analysis: owner unit, due date, root cause', body: ZCreateCorrectiveActionRequest, response: { 201: ZCorrectiveAction, ...errors } } },
      async (request, reply) => reply.status(201).send(await createCorrectiveAction(deps, actorOf(request), request.body)),
    );
    app.post(
      '/api/v1/corrective-actions/:id/progress',
      { schema: { tags: actionTags, summary: 'Complete with evidence (owner), verify the effect or reject (manager)', params: ZIdParams, body: ZCorrectiveActionProgressRequest, response: { 200: ZCorrectiveAction, ...errors } } },
      async (request) => progressCorrectiveAction(deps, actorOf(request), request.params.id, request.body),
    );
  };
