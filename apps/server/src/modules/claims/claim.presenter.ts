import { CLAIM_CHANNELS, CLAIM_CLOCKS, CLAIM_PAYMENT_KINDS, DENIAL_NOTICE_CHANNELS, type TClaim, type TClaimEventFacts, type TClaimSummary } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { viewClock, type ClockState } from './claim-clocks.ts';
import { mayApproveClaims, mayHandleClaims } from './claim.policy.ts';
import type { ClaimDetail } from './claim-read.service.ts';
import { nextActionsFor } from './claim-read.service.ts';
import type { ClaimRow } from './claim.repository.ts';

/** A claim in lists and queues (whitelisted; no incident details, no reporter phone). */
export function presentClaimSummary(row: ClaimRow, clocks: ClockState[], now: Date): TClaimSummary {
  const views = clocks.map((c) => viewClock(c, now));
  const running = views.filter((v) => v.state === 'running' || v.state === 'breached').filter((v) => v.stoppedAt === null);
  return {
    id: row.id,
    claimNo: row.claim_no,
    status: row.status,
    channel: row.channel,
    line: row.line,
    policyId: row.policy_id,
    policyNo: row.policy_no,
    customerId: row.customer_id,
    insuredName: row.insured_name,
    reportedAt: row.reported_at.toISOString(),
    incidentAt: row.incident_at.toISOString(),
    amountClaimedFen: row.amount_claimed_fen,
    amountApprovedFen: row.amount_approved_fen,
    amountPaidFen: row.amount_paid_fen,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    orgUnitId: row.org_unit_id,
    greenChannel: row.green_channel,
    multiClaim: row.multi_claim,
    fraudSuspected: row.fraud_suspected,
    fastTrack: row.fast_track,
    nextDueAt: running.map((v) => v.dueAt).sort()[0] ?? null,
    warning: views.some((v) => v.warning),
    breached: views.some((v) => v.state === 'breached'),
    version: row.version,
  };
}

/** A claim with everything its detail view shows; the incident (health data) only for handlers and approvers. */
export function presentClaim(detail: ClaimDetail, actor: Actor, now = new Date()): TClaim {
  const { row } = detail;
  const seesIncident = mayHandleClaims(actor) || mayApproveClaims(actor);
  return {
    ...presentClaimSummary(row, detail.clocks, now),
    insuredId: row.customer_id,
    reporterName: row.reporter_name,
    reporterPhoneMasked: row.reporter_phone_masked,
    incident: seesIncident ? detail.incident : null,
    denialReason: row.denial_reason,
    denialClause: row.denial_clause,
    checklist: detail.checklist,
    waitingPeriod: detail.waitingPeriod,
    documents: detail.documents.map((d) => ({ id: d.id, code: d.code, fileName: d.file_name, contentType: d.content_type, sizeBytes: d.size_bytes, uploadedAt: d.uploaded_at.toISOString(), uploadedBy: d.uploaded_by_name })),
    notices: detail.notices.map((n) => ({ id: n.id, codes: n.codes, first: n.first, lateReason: n.late_reason, sentAt: n.sent_at.toISOString(), sentBy: n.sent_by_name })),
    adjustment: detail.adjustment.map((l) => ({
      coverageCode: l.coverage_code,
      coverageName: detail.coverageNames.get(l.coverage_code) ?? null,
      description: l.description,
      claimedFen: l.claimed_fen,
      excludedFen: l.excluded_fen,
      deductibleFen: l.deductible_fen,
      ratioPct: l.ratio_pct,
      limitFen: l.limit_fen,
      reason: l.reason,
      payableFen: l.payable_fen,
    })),
    payments: detail.payments.map((p) => ({ id: p.id, kind: p.kind, payeeName: p.payee_name, bankAccountMasked: p.bank_account_masked, amountFen: p.amount_fen, paidAt: p.paid_at.toISOString(), recordedBy: p.recorded_by_name })),
    clocks: detail.clocks.map((c) => viewClock(c, now)),
    events: detail.events.map((e) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      reason: systemReason(e) ? null : e.reason,
      actorName: e.actor_display_name ?? e.actor_name,
      at: e.at.toISOString(),
      facts: eventFacts(e.data, e.assignee_name),
    })),
    fastTrackDecision: row.fast_track_decision,
    nextActions: nextActionsFor(actor, row.status, row.adjusted_by, detail.clocks.some((c) => c.kind === 'denial_notice' && !c.stoppedAt), {
      documentsMissing: detail.checklist.some((c) => c.required && !c.received),
      notAdjusted: detail.adjustment.length === 0,
      unpaid: Number(row.amount_paid_fen) < Number(row.amount_approved_fen ?? 0),
    }),
  };
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined => ((values as readonly unknown[]).includes(value) ? (value as T) : undefined);

/** The facts an event's data holds, named for readers; unknown or missing values are left out. */
export function eventFacts(data: Record<string, unknown>, assigneeName: string | null): TClaimEventFacts {
  const amount = [data.amountFen, data.amountApprovedFen, data.payableFen].find((v) => typeof v === 'number');
  const codes = Array.isArray(data.codes) ? data.codes.filter((c): c is string => typeof c === 'string') : typeof data.code === 'string' ? [data.code] : undefined;
  const facts: TClaimEventFacts = {
    amountFen: amount as number | undefined,
    paymentKind: oneOf(CLAIM_PAYMENT_KINDS, data.kind),
    documentCodes: codes,
    assigneeName: assigneeName ?? undefined,
    channel: oneOf(CLAIM_CHANNELS, data.channel),
    sentVia: oneOf(DENIAL_NOTICE_CHANNELS, data.sentVia),
    clock: oneOf(CLAIM_CLOCKS, data.clock),
    clause: typeof data.clause === 'string' ? data.clause : undefined,
    fraudSuspected: typeof data.fraudSuspected === 'boolean' ? data.fraudSuspected : undefined,
    blacklisted: typeof data.blacklistEntryId === 'string' ? true : undefined,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as TClaimEventFacts;
}

/** The system's own steps once wrote an English reason; their facts and type say it now. */
const systemReason = (e: { type: string; data: Record<string, unknown> }) => e.type === 'fast_track_approve' || (e.type === 'flagged' && typeof e.data.blacklistEntryId === 'string');
