import {
  ZClaimClockKind,
  ZClaimSettings,
  ZProblem,
  ZProductLine,
  ZSaveApprovalAuthorityRequest,
  ZSaveClaimClockRuleRequest,
  ZSaveFastTrackRequest,
} from '@anxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { deleteClockRule, getClaimSettings, saveApprovalAuthority, saveClockRule, saveFastTrack } from './claim-settings.service.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

/** Claim settings: statutory clock rules per product line, fast track, approval authority (the green channel is a tier entitlement: /tier-rules). */
export const claimSettingsRoutes =
  (deps: ModuleDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['claims'];
    app.get('/api/v1/claim-settings', { schema: { tags, summary: 'Clock rules and claim settings (readable by everyone who works with claims)', response: { 200: ZClaimSettings, ...errors } } }, async (request) =>
      getClaimSettings(deps, actorOf(request)),
    );
    app.put(
      '/api/v1/claim-settings/clock-rules',
      { schema: { tags, summary: 'Change a clock rule, or add a product-line override (no `version`); never beyond the statutory days', body: ZSaveClaimClockRuleRequest, response: { 200: ZClaimSettings, ...errors } } },
      async (request) => saveClockRule(deps, actorOf(request), request.body),
    );
    app.delete(
      '/api/v1/claim-settings/clock-rules/:line/:clock',
      { schema: { tags, summary: 'Remove a product line’s override (its claims follow the company default)', params: z.object({ line: ZProductLine, clock: ZClaimClockKind }), response: { 200: ZClaimSettings, ...errors } } },
      async (request) => deleteClockRule(deps, actorOf(request), request.params.line, request.params.clock),
    );
    app.put('/api/v1/claim-settings/fast-track', { schema: { tags, summary: 'Fast-track (快赔) switch, threshold and excluded diagnoses', body: ZSaveFastTrackRequest, response: { 200: ZClaimSettings, ...errors } } }, async (request) =>
      saveFastTrack(deps, actorOf(request), request.body),
    );
    app.put(
      '/api/v1/claim-settings/approval-authority',
      { schema: { tags, summary: 'Approval limits by role (fen; null = no limit)', body: ZSaveApprovalAuthorityRequest, response: { 200: ZClaimSettings, ...errors } } },
      async (request) => saveApprovalAuthority(deps, actorOf(request), request.body),
    );
  };
