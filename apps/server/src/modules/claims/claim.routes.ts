import {
  ZAdjustClaimRequest,
  ZApproveClaimRequest,
  ZAssignClaimRequest,
  ZClaim,
  ZClaimFlagsRequest,
  ZClaimList,
  ZClaimListQuery,
  ZClaimAssignees,
  ZClaimProgress,
  ZClaimStats,
  ZClaimStatsQuery,
  ZClaimTransitionRequest,
  ZDenialNoticeRequest,
  ZDenyClaimRequest,
  ZDocumentNoticeRequest,
  ZId,
  ZOverdueBoard,
  ZProblem,
  ZRecordClaimPaymentRequest,
  ZReportClaimRequest,
  ZUploadClaimDocumentRequest,
} from '@anxin/contracts';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/authentication.ts';
import { viewClock } from './claim-clocks.ts';
import { DocumentStore, MAX_DOCUMENT_BYTES } from './claim-files.ts';
import { claimStats, getClaim, getClaimProgress, listClaimAssignees, listClaims, overdueBoard } from './claim-read.service.ts';
import {
  adjustClaim,
  approveClaim,
  assignClaim,
  denyClaim,
  flagClaim,
  readClaimDocument,
  recordClaimPayment,
  recordDenialNotice,
  reportClaim,
  sendDocumentNotice,
  transitionClaim,
  uploadClaimDocument,
} from './claim-write.service.ts';
import { presentClaim, presentClaimSummary } from './claim.presenter.ts';
import { sweepClaimClocks } from './claim-sweep.ts';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const ZIdParams = z.object({ id: ZId });

export interface ClaimRouteOptions {
  /** Directory for uploaded claim documents (config.uploadDir). */
  uploadDir: string;
}

export const claimRoutes =
  (deps: ModuleDeps, options: ClaimRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const store = new DocumentStore(options.uploadDir);
    const tags = ['claims'];

    app.get(
      '/api/v1/claims',
      { schema: { tags, summary: 'Claims in the caller’s scope: newest first (keyset pages) or `sort=priority` (the work queue)', querystring: ZClaimListQuery, response: { 200: ZClaimList, ...errors } } },
      async (request) => {
        const page = await listClaims(deps, actorOf(request), request.query);
        return { items: page.items.map((i) => presentClaimSummary(i.row, i.clocks, page.now)), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/api/v1/claims',
      {
        schema: {
          tags,
          summary: 'Report a claim (报案) from staff or a partner API key; accepts Idempotency-Key; may be approved at once by the fast track',
          body: ZReportClaimRequest,
          response: { 201: ZClaim, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentClaim(await reportClaim(deps, actorOf(request), request.body), actorOf(request))),
    );
    app.get(
      '/api/v1/claims/overdue',
      { schema: { tags, summary: 'The overdue board: claims with a breached clock or one inside its warning days', response: { 200: ZOverdueBoard, ...errors } } },
      async (request) => {
        await sweepClaimClocks(deps);
        const board = await overdueBoard(deps, actorOf(request));
        return { items: board.items.map((i) => ({ ...presentClaimSummary(i.row, i.clocks, board.now), clocks: i.clocks.map((c) => viewClock(c, board.now)) })), counts: board.counts };
      },
    );
    app.get(
      '/api/v1/claims/stats',
      { schema: { tags, summary: 'Fast-track straight-through rate and failing rules of medical claims reported in [from, to]', querystring: ZClaimStatsQuery, response: { 200: ZClaimStats, ...errors } } },
      async (request) => claimStats(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/claims/:id',
      { schema: { tags, summary: 'One claim: history, clocks, checklist, documents, adjustment, payments, fast-track trace', params: ZIdParams, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await getClaim(deps, actorOf(request), request.params.id), actorOf(request)),
    );
    app.get(
      '/api/v1/claims/:id/progress',
      { schema: { tags, summary: 'The customer-facing progress: steps in plain language and what happens next, by when', params: ZIdParams, response: { 200: ZClaimProgress, ...errors } } },
      async (request) => getClaimProgress(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/claims/:id/assignees',
      { schema: { tags, summary: 'Adjusters the claim may be assigned to (its unit or above), with their open claims', params: ZIdParams, response: { 200: ZClaimAssignees, ...errors } } },
      async (request) => listClaimAssignees(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/claims/:id/transitions',
      { schema: { tags, summary: 'Move a claim: register, start_assessment, complete_documents, submit_for_approval, send_back, close, withdraw, reopen', params: ZIdParams, body: ZClaimTransitionRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await transitionClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/document-notices',
      { schema: { tags, summary: 'Send the notice of missing documents (the first lists everything missing; Art. 22)', params: ZIdParams, body: ZDocumentNoticeRequest, response: { 201: ZClaim, ...errors } } },
      async (request, reply) => reply.status(201).send(presentClaim(await sendDocumentNotice(deps, actorOf(request), request.params.id, request.body), actorOf(request))),
    );
    app.post(
      '/api/v1/claims/:id/documents',
      {
        bodyLimit: Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024,
        schema: { tags, summary: 'Upload a claim document (JPEG, PNG or PDF, at most 10 MB, base64)', params: ZIdParams, body: ZUploadClaimDocumentRequest, response: { 201: ZClaim, ...errors } },
      },
      async (request, reply) => reply.status(201).send(presentClaim(await uploadClaimDocument(deps, store, actorOf(request), request.params.id, request.body), actorOf(request))),
    );
    app.get(
      '/api/v1/claims/:id/documents/:documentId',
      { schema: { tags, summary: 'Download a claim document (audited)', params: z.object({ id: ZId, documentId: ZId }), response: { 200: z.string().meta({ description: 'the file (image/jpeg, image/png or application/pdf)' }), ...errors } } },
      async (request, reply) => {
        const { doc, bytes } = await readClaimDocument(deps, store, actorOf(request), request.params.id, request.params.documentId);
        return reply
          .header('content-type', doc.content_type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`)
          .header('cache-control', 'no-store')
          // A stream bypasses the response serializer; the 200 schema only documents the file.
          .send(Readable.from([bytes]) as unknown as string);
      },
    );
    app.put(
      '/api/v1/claims/:id/adjustment',
      { schema: { tags, summary: 'Record the adjustment (理算): lines with deductible, ratio, limit and reason', params: ZIdParams, body: ZAdjustClaimRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await adjustClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/approve',
      { schema: { tags, summary: 'Approve (核赔) at the adjusted amount, within the approver’s authority', params: ZIdParams, body: ZApproveClaimRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await approveClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/deny',
      { schema: { tags, summary: 'Deny with reason and clause; the written notice is due within 3 days', params: ZIdParams, body: ZDenyClaimRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await denyClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/denial-notice',
      { schema: { tags, summary: 'Record that the written denial notice went out', params: ZIdParams, body: ZDenialNoticeRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await recordDenialNotice(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/payments',
      { schema: { tags, summary: 'Record a payment: advance, partial or final (the final one closes the claim)', params: ZIdParams, body: ZRecordClaimPaymentRequest, response: { 201: ZClaim, ...errors } } },
      async (request, reply) => reply.status(201).send(presentClaim(await recordClaimPayment(deps, actorOf(request), request.params.id, request.body), actorOf(request))),
    );
    app.post(
      '/api/v1/claims/:id/assign',
      { schema: { tags, summary: 'Assign the claim to a claims adjuster', params: ZIdParams, body: ZAssignClaimRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await assignClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
    app.post(
      '/api/v1/claims/:id/flags',
      { schema: { tags, summary: 'Set or clear the fraud-suspected flag', params: ZIdParams, body: ZClaimFlagsRequest, response: { 200: ZClaim, ...errors } } },
      async (request) => presentClaim(await flagClaim(deps, actorOf(request), request.params.id, request.body), actorOf(request)),
    );
  };
