import {
  ZCreateReferralRequest, ZCreateSurveyTemplateRequest, ZHealthReadingRequest, ZCreateTaskRequest, ZCreateVisitRequest, ZFollowUpVisit, ZFollowUpVisitList, ZId, ZLoyaltySummary, ZProblem, ZPublicSurvey,
  ZSatisfactionQuery, ZSatisfactionReport, ZServiceKpis, ZSurveyAnswerRequest, ZSurveySummary, ZSurveyTemplate, ZSurveyTemplateList, ZTask, ZTaskActionRequest, ZTaskList, ZTaskListQuery,
  ZUpdateSurveyTemplateRequest, ZVisitListQuery, ZVisitOutcomeRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { recordHealthReading } from '../customers/index.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { createVisit, getVisit, listVisits, recordVisitOutcome } from './follow-up-visit.service.ts';
import { createReferral, getLoyalty } from './loyalty.service.ts';
import { satisfactionReport, serviceKpis } from './satisfaction.service.ts';
import { answerSurvey, createSurveyTemplate, getPublicSurvey, listCustomerSurveys, listSurveyTemplates, updateSurveyTemplate } from './survey.service.ts';
import { actOnTask, createTask, listTasks } from './task.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: ZId });

export interface ServiceRouteOptions {
  /** Base URL of survey links (config.messaging.publicUrl). */
  publicUrl: string;
  /** Requests per minute per address on the public survey link. */
  publicRateLimitPerMinute: number;
}

/** Service operations: task inboxes, follow-up visits, surveys and satisfaction, loyalty and referrals. */
export const serviceRoutes =
  (deps: ModuleDeps, options: ServiceRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const taskTags = ['tasks'];
    app.get('/api/v1/tasks', { schema: { tags: taskTags, summary: 'A task inbox: mine (assigned or escalated to me) or my unit’s, active tasks by due time', querystring: ZTaskListQuery, response: { 200: ZTaskList, ...errors } } }, async (request) =>
      listTasks(deps, actorOf(request), request.query),
    );
    app.post('/api/v1/tasks', { schema: { tags: taskTags, summary: 'Create a task for a customer by hand; accepts Idempotency-Key', body: ZCreateTaskRequest, response: { 201: ZTask, ...errors } } }, async (request, reply) =>
      reply.status(201).send(await createTask(deps, actorOf(request), request.body)),
    );
    app.post('/api/v1/tasks/:id/actions', { schema: { tags: taskTags, summary: 'Start, complete, cancel or reassign a task (with its version)', params: ZIdParams, body: ZTaskActionRequest, response: { 200: ZTask, ...errors } } }, async (request) =>
      actOnTask(deps, actorOf(request), request.params.id, request.body),
    );

    const visitTags = ['follow-up visits'];
    app.get('/api/v1/visits', { schema: { tags: visitTags, summary: 'The follow-up visit worklist (回访), earliest due first', querystring: ZVisitListQuery, response: { 200: ZFollowUpVisitList, ...errors } } }, async (request) =>
      listVisits(deps, actorOf(request), request.query),
    );
    app.post('/api/v1/visits', { schema: { tags: visitTags, summary: 'Schedule a follow-up visit by hand (method by rule unless given); accepts Idempotency-Key', body: ZCreateVisitRequest, response: { 201: ZFollowUpVisit, ...errors } } }, async (request, reply) =>
      reply.status(201).send(await createVisit(deps, actorOf(request), request.body)),
    );
    app.get('/api/v1/visits/:id', { schema: { tags: visitTags, summary: 'One visit with its script, attempts and answers', params: ZIdParams, response: { 200: ZFollowUpVisit, ...errors } } }, async (request) =>
      getVisit(deps, actorOf(request), request.params.id),
    );
    app.post('/api/v1/visits/:id/outcome', { schema: { tags: visitTags, summary: 'Record an attempt: reached (script answers, problem → task, survey), not reached (retry; letter after 3), refused, letter sent', params: ZIdParams, body: ZVisitOutcomeRequest, response: { 200: ZFollowUpVisit, ...errors } } }, async (request) =>
      recordVisitOutcome(deps, actorOf(request), request.params.id, request.body, { publicUrl: options.publicUrl }),
    );

    const surveyTags = ['surveys'];
    app.get('/api/v1/survey-templates', { schema: { tags: surveyTags, summary: 'Survey templates', response: { 200: ZSurveyTemplateList, ...errors } } }, async (request) => listSurveyTemplates(deps, actorOf(request)));
    app.post('/api/v1/survey-templates', { schema: { tags: surveyTags, summary: 'Define a survey template (CSAT, NPS, text and choice questions in both languages)', body: ZCreateSurveyTemplateRequest, response: { 201: ZSurveyTemplate, ...errors } } }, async (request, reply) =>
      reply.status(201).send(await createSurveyTemplate(deps, actorOf(request), request.body)),
    );
    app.patch('/api/v1/survey-templates/:id', { schema: { tags: surveyTags, summary: 'Change a survey template or switch it off', params: ZIdParams, body: ZUpdateSurveyTemplateRequest, response: { 200: ZSurveyTemplate, ...errors } } }, async (request) =>
      updateSurveyTemplate(deps, actorOf(request), request.params.id, request.body),
    );
    app.get('/api/v1/surveys', { schema: { tags: surveyTags, summary: 'Surveys sent to a customer with their scores (read audited)', querystring: z.object({ customerId: ZId }), response: { 200: z.object({ items: z.array(ZSurveySummary) }), ...errors } } }, async (request) =>
      listCustomerSurveys(deps, actorOf(request), request.query.customerId),
    );
    app.get('/api/v1/satisfaction', { schema: { tags: surveyTags, summary: 'NPS and CSAT of a period by unit, product, agent, month or context', querystring: ZSatisfactionQuery, response: { 200: ZSatisfactionReport, ...errors } } }, async (request) =>
      satisfactionReport(deps, actorOf(request), request.query),
    );
    app.get('/api/v1/service/kpis', { schema: { tags: surveyTags, summary: 'Dashboard KPIs: NPS, CSAT, renewal and referral rates, tasks and visits due', querystring: z.object({ from: z.iso.date(), to: z.iso.date() }), response: { 200: ZServiceKpis, ...errors } } }, async (request) =>
      serviceKpis(deps, actorOf(request), request.query),
    );

    const publicOptions = { config: { public: true, rateLimit: { max: options.publicRateLimitPerMinute, timeWindow: '1 minute' } } };
    const ZToken = z.object({ token: z.string().min(1).max(100) });
    app.get('/api/v1/public/surveys/:token', { ...publicOptions, schema: { tags: surveyTags, summary: 'The survey behind a link (no login): its questions and whether it is open', security: [], params: ZToken, response: { 200: ZPublicSurvey, ...errors, 410: ZProblem } } }, async (request) =>
      getPublicSurvey(deps, request.params.token),
    );
    app.post('/api/v1/public/surveys/:token/answers', { ...publicOptions, schema: { tags: surveyTags, summary: 'Answer the survey behind a link (no login; once per link, before it expires)', security: [], params: ZToken, body: ZSurveyAnswerRequest, response: { 200: z.object({ status: z.literal('answered') }), ...errors, 410: ZProblem } } }, async (request) =>
      answerSurvey(deps, request.params.token, request.body),
    );

    app.post(
      '/api/v1/customers/:id/health-readings',
      { schema: { tags: ['health data'], summary: 'Health-data feed: a blood-pressure reading for a customer (kept only with separate health-data consent; encrypted); accepts Idempotency-Key', params: ZIdParams, body: ZHealthReadingRequest, response: { 201: z.object({ id: ZId }), ...errors } } },
      async (request, reply) => reply.status(201).send(await recordHealthReading(deps, actorOf(request), request.params.id, request.body)),
    );

    const loyaltyTags = ['loyalty'];
    app.get('/api/v1/customers/:id/loyalty', { schema: { tags: loyaltyTags, summary: 'A customer’s membership points, ledger and referrals', params: ZIdParams, response: { 200: ZLoyaltySummary, ...errors } } }, async (request) =>
      getLoyalty(deps, actorOf(request), request.params.id),
    );
    app.post('/api/v1/referrals', { schema: { tags: loyaltyTags, summary: 'Record a referral (who referred whom, the resulting policy earns points); accepts Idempotency-Key', body: ZCreateReferralRequest, response: { 201: z.object({ id: ZId }), ...errors } } }, async (request, reply) =>
      reply.status(201).send(await createReferral(deps, actorOf(request), request.body)),
    );
  };
