import {
  ZCreateSegmentRequest,
  ZCreateTagDefinitionRequest,
  ZCustomerEntitlements,
  ZCustomerMetrics,
  ZProblem,
  ZSegment,
  ZSegmentationFieldList,
  ZSegmentationOverview,
  ZSegmentationSettingKey,
  ZSegmentationSettings,
  ZSegmentList,
  ZSegmentMemberList,
  ZSegmentMemberQuery,
  ZSegmentPreviewRequest,
  ZSegmentProfile,
  ZSegmentationRun,
  ZSegmentationRunList,
  ZTagDefinition,
  ZTagDefinitionList,
  ZTierRuleList,
  ZUpdateSegmentationSettingRequest,
  ZUpdateSegmentRequest,
  ZUpdateTagDefinitionRequest,
  ZUpdateTierRulesRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { BackgroundJobs } from '../../platform/jobs.ts';
import { answered } from '../../platform/http/answered.ts';
import { forbidden } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { FieldCatalogue } from './conditions.ts';
import { getCustomerEntitlements, getCustomerMetrics, getSegmentationSettings, updateSegmentationSetting } from './customer-insight.service.ts';
import { createSegment, deleteSegment, exportSegment, getSegment, listSegments, previewSegment, segmentationOverview, segmentMembers, segmentProfile, updateSegment } from './segment.service.ts';
import { getSegmentationRun, listSegmentationRuns, requestSegmentationRun } from './segmentation-run.ts';
import { mayReadSegmentation } from './segmentation.policy.ts';
import { createTagDefinition, listTagDefinitions, updateTagDefinition } from './tag-rules.ts';
import { listTierRules, updateTierRules } from './tiers.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const ZIdParams = z.object({ id: z.uuid() });

/** Segmentation: metrics, the overview, fields, settings, tag and tier rules, segments (the explorer). */
export const segmentationCoreRoutes =
  (deps: ModuleDeps, options: { jobs: BackgroundJobs }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['segmentation'];
    app.get('/api/v1/segmentation/overview', { schema: { tags, summary: 'Customers by RFM segment, lifecycle segment, quadrant, tier and tag (in scope), and the 80/20 premium check', response: { 200: ZSegmentationOverview, ...errors } } }, async (request) =>
      segmentationOverview(deps, actorOf(request)),
    );
    app.post(
      '/api/v1/segmentation/run',
      {
        schema: {
          tags,
          summary: 'Start the segmentation batch now (metrics, segments, tags, tiers, clusters, risk alerts; what `anxin segment run` does) and answer at once: poll the run until it is done',
          response: { 202: ZSegmentationRun, ...errors },
        },
      },
      async (request, reply) => reply.status(202).send(await requestSegmentationRun(deps, actorOf(request), options.jobs, new Date(), answered(reply))),
    );
    app.get(
      '/api/v1/segmentation/runs',
      { schema: { tags, summary: 'The latest runs of the segmentation batch (nightly and Run now), newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }), response: { 200: ZSegmentationRunList, ...errors } } },
      async (request) => ({ items: await listSegmentationRuns(deps, actorOf(request), request.query.limit) }),
    );
    app.get('/api/v1/segmentation/runs/:runId', { schema: { tags, summary: 'One run of the segmentation batch', params: z.object({ runId: z.string().max(20) }), response: { 200: ZSegmentationRun, ...errors } } }, async (request) =>
      getSegmentationRun(deps, actorOf(request), request.params.runId),
    );
    app.get('/api/v1/segmentation/fields', { schema: { tags, summary: 'Fields usable in segment and tag-rule conditions, with their operators and values', response: { 200: ZSegmentationFieldList, ...errors } } }, async (request) => {
      if (!mayReadSegmentation(actorOf(request))) throw forbidden('You may not explore segments');
      return { items: (await FieldCatalogue.load(deps.db)).list() };
    });
    app.get('/api/v1/segmentation/settings', { schema: { tags, summary: 'Alert thresholds, quadrant thresholds and good/bad list criteria', response: { 200: ZSegmentationSettings, ...errors } } }, async (request) =>
      getSegmentationSettings(deps, actorOf(request)),
    );
    app.patch('/api/v1/segmentation/settings/:key', { schema: { tags, summary: 'Change one setting (applies at the next run)', params: z.object({ key: ZSegmentationSettingKey }), body: ZUpdateSegmentationSettingRequest, response: { 200: ZSegmentationSettings, ...errors } } }, async (request) =>
      updateSegmentationSetting(deps, actorOf(request), request.params.key, request.body),
    );
    app.get('/api/v1/customers/:id/metrics', { schema: { tags, summary: 'A customer’s metrics, RFM scores, lifecycle segment and quadrant (404 until computed)', params: ZIdParams, response: { 200: ZCustomerMetrics, ...errors } } }, async (request) =>
      getCustomerMetrics(deps, actorOf(request), request.params.id),
    );
    app.get('/api/v1/customers/:id/entitlements', { schema: { tags, summary: 'What the customer is entitled to by tier (dedicated advisor, green channel, on-site visits, claim priority, service hours)', params: ZIdParams, response: { 200: ZCustomerEntitlements, ...errors } } }, async (request) =>
      getCustomerEntitlements(deps, actorOf(request), request.params.id),
    );

    app.get('/api/v1/tag-definitions', { schema: { tags, summary: 'Tag rules (risk, value, need) with how many customers carry each tag', response: { 200: ZTagDefinitionList, ...errors } } }, async (request) =>
      listTagDefinitions(deps, actorOf(request)),
    );
    app.post('/api/v1/tag-definitions', { schema: { tags, summary: 'Add a tag rule', body: ZCreateTagDefinitionRequest, response: { 201: ZTagDefinition, ...errors } } }, async (request, reply) =>
      reply.code(201).send(await createTagDefinition(deps, actorOf(request), request.body)),
    );
    app.patch('/api/v1/tag-definitions/:code', { schema: { tags, summary: 'Rename, change or switch a tag rule (switching off removes its tags)', params: z.object({ code: z.string().max(40) }), body: ZUpdateTagDefinitionRequest, response: { 200: ZTagDefinition, ...errors } } }, async (request) =>
      updateTagDefinition(deps, actorOf(request), request.params.code, request.body),
    );
    app.get('/api/v1/tier-rules', { schema: { tags, summary: 'Tier rules (thresholds) and the entitlements of each tier', response: { 200: ZTierRuleList, ...errors } } }, async (request) =>
      listTierRules(deps, actorOf(request)),
    );
    app.put('/api/v1/tier-rules', { schema: { tags, summary: 'Change the four tiers’ thresholds and entitlements together', body: ZUpdateTierRulesRequest, response: { 200: ZTierRuleList, ...errors } } }, async (request) =>
      updateTierRules(deps, actorOf(request), request.body),
    );

    app.post('/api/v1/segments/preview', { schema: { tags, summary: 'Size and profile of the customers some conditions select (in scope)', body: ZSegmentPreviewRequest, response: { 200: ZSegmentProfile, ...errors } } }, async (request) =>
      previewSegment(deps, actorOf(request), request.body.conditions),
    );
    app.get('/api/v1/segments', { schema: { tags, summary: 'Saved segments', response: { 200: ZSegmentList, ...errors } } }, async (request) => listSegments(deps, actorOf(request)));
    app.post('/api/v1/segments', { schema: { tags, summary: 'Save a segment', body: ZCreateSegmentRequest, response: { 201: ZSegment, ...errors } } }, async (request, reply) =>
      reply.code(201).send(await createSegment(deps, actorOf(request), request.body)),
    );
    app.get('/api/v1/segments/:id', { schema: { tags, summary: 'A saved segment', params: ZIdParams, response: { 200: ZSegment, ...errors } } }, async (request) => getSegment(deps, actorOf(request), request.params.id));
    app.patch('/api/v1/segments/:id', { schema: { tags, summary: 'Change a saved segment', params: ZIdParams, body: ZUpdateSegmentRequest, response: { 200: ZSegment, ...errors } } }, async (request) =>
      updateSegment(deps, actorOf(request), request.params.id, request.body),
    );
    app.delete('/api/v1/segments/:id', { schema: { tags, summary: 'Delete a saved segment (rules using it as audience go back to everyone)', params: ZIdParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
      await deleteSegment(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    });
    app.get('/api/v1/segments/:id/profile', { schema: { tags, summary: 'Size and profile of a saved segment (in scope)', params: ZIdParams, response: { 200: ZSegmentProfile, ...errors } } }, async (request) =>
      segmentProfile(deps, actorOf(request), request.params.id),
    );
    app.get('/api/v1/segments/:id/members', { schema: { tags, summary: 'Members of a segment in scope (keyset pages)', params: ZIdParams, querystring: ZSegmentMemberQuery, response: { 200: ZSegmentMemberList, ...errors } } }, async (request) =>
      segmentMembers(deps, actorOf(request), request.params.id, request.query),
    );
    app.get('/api/v1/segments/:id/export', { schema: { tags, summary: 'Members as CSV (masked names, no contacts or ID numbers; audited)', params: ZIdParams, response: { 200: z.string().meta({ description: 'text/csv file' }), ...errors } } }, async (request, reply) => {
      const { filename, csv } = await exportSegment(deps, actorOf(request), request.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(csv);
    });
  };
