import { ZAutomationRule, ZAutomationRuleCode, ZAutomationRuleList, ZAutomationRunList, ZAutomationRunQuery, ZJobRunResult, ZProblem, ZUpdateAutomationRuleRequest } from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import type { AutomationRuntime } from './automation-runtime.ts';
import { listAutomationRules, listAutomationRuns, runDueWorkNow, updateAutomationRule } from './automation-rule.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

/** Automation: the rules page (switches, parameters, what fired and why) and running due work by hand. */
export const automationRoutes =
  (deps: ModuleDeps, runtime: AutomationRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['automation'];
    app.get('/api/v1/automation/rules', { schema: { tags, summary: 'Built-in automation rules with their switches, parameters and activity', response: { 200: ZAutomationRuleList, ...errors } } }, async (request) =>
      listAutomationRules(deps, actorOf(request)),
    );
    app.patch('/api/v1/automation/rules/:code', { schema: { tags, summary: 'Switch a rule on or off or change its parameters', params: z.object({ code: ZAutomationRuleCode }), body: ZUpdateAutomationRuleRequest, response: { 200: ZAutomationRule, ...errors } } }, async (request) =>
      updateAutomationRule(deps, actorOf(request), request.params.code, request.body),
    );
    app.get('/api/v1/automation/runs', { schema: { tags, summary: 'What the rules did, newest first, with the reason', querystring: ZAutomationRunQuery, response: { 200: ZAutomationRunList, ...errors } } }, async (request) =>
      listAutomationRuns(deps, actorOf(request), request.query),
    );
    app.post('/api/v1/automation/run-due', { schema: { tags, summary: 'Run due work now (outbox events, today’s scheduled rules, due messages) — what `anxin jobs run --once` does', response: { 200: ZJobRunResult, ...errors } } }, async (request) =>
      runDueWorkNow(deps, actorOf(request), runtime),
    );
  };
