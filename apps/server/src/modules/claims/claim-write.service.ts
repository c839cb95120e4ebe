import type {
  TAdjustClaimRequest,
  TApproveClaimRequest,
  TAssignClaimRequest,
  TClaimClockKind,
  TClaimFlagsRequest,
  TClaimTransitionRequest,
  TDenialNoticeRequest,
  TDenyClaimRequest,
  TDocumentNoticeRequest,
  TRecordClaimPaymentRequest,
  TReportClaimRequest,
  TUploadClaimDocumentRequest,
} from '@anxin/contracts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import type { Actor } from '../../platform/actor.ts';
import { maskMobile } from '../../platform/crypto/masking.ts';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, type FieldProblem, fieldProblem, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { findCustomerBasics, hasConsent, maskBankAccount } from '../customers/index.ts';
import { findStaffById } from '../org/index.ts';
import { findPolicyForClaim } from '../policies/index.ts';
import { blacklistInEffect, entitlementsOf } from '../segmentation/index.ts';
import { approvalLimitFen, payableFen } from './adjustment.ts';
import { pauseClock, resumeClock, startClock, stopClock, type ClockRule, type ClockState } from './claim-clocks.ts';
import { checkUpload, type DocumentStore } from './claim-files.ts';
import { loadClaimDetail, requireVisibleClaim } from './claim-read.service.ts';
import { nextStatus, type ClaimMove } from './claim-status.ts';
import { claimScopeOf, mayApproveClaims, mayHandleClaims, mayReportClaims } from './claim.policy.ts';
import {
  countRecentClaims,
  customerHasFraudFlag,
  findAdjustersFor,
  findClaimById,
  findClaimedInvoices,
  findClockRules,
  insertClaim,
  insertClaimEvent,
  insertInvoices,
  listClocks,
  listDocuments,
  listNotices,
  listPayments,
  lockClaim,
  nextClaimNumber,
  openClaimCounts,
  readSetting,
  saveClock,
  updateClaim,
  type ClaimRow,
} from './claim.repository.ts';
import { inForceOn, judgeFastTrack, type FastTrackSettings } from './fast-track.ts';

const YEAR_MS = 365 * 86_400_000;

const invalidTransition = (status: string, what: string) =>
  new DomainError('CLAIM_INVALID_TRANSITION', `A ${status} claim cannot ${what}`, [{ field: 'body.action', message: `claim is ${status}`, rule: 'wrong_status', params: { status } }]);

/** The clock rules for a product line ('*' defaults, overridden per line). */
async function clockRules(tx: Tx, line: string): Promise<Record<TClaimClockKind, ClockRule>> {
  const rows = await findClockRules(tx, line);
  const pick = (kind: TClaimClockKind) => {
    const r = rows.find((x) => x.clock === kind && x.line === line) ?? rows.find((x) => x.clock === kind && x.line === '*')!;
    return { days: r.days, warnDays: r.warn_days, source: r.source, version: r.version };
  };
  return { determination: pick('determination'), payment: pick('payment'), denial_notice: pick('denial_notice'), advance_payment: pick('advance_payment') };
}

/** Starts, pauses, resumes and stops the statutory clocks as a move demands (architecture rule 11). */
async function applyClockEffects(tx: Tx, claim: ClaimRow, move: ClaimMove | 'advance_payment' | 'denial_notice', now: Date) {
  const clocks = new Map((await listClocks(tx, [claim.id])).get(claim.id)?.map((c) => [c.kind, c] as const) ?? []);
  const rules = await clockRules(tx, claim.line);
  const changed: ClockState[] = [];
  const start = (kind: TClaimClockKind) => changed.push(startClock(kind, rules[kind], now));
  const edit = (kind: TClaimClockKind, f: (c: ClockState) => ClockState) => {
    const c = clocks.get(kind);
    if (c) changed.push(f(c));
  };
  if (claim.status === 'documents_pending' && move !== 'request_documents') edit('determination', (c) => resumeClock(c, now));
  switch (move) {
    case 'register':
    case 'reopen':
      start('determination');
      break;
    case 'request_documents':
      edit('determination', (c) => pauseClock(c, now));
      break;
    case 'complete_documents':
      if (!clocks.has('advance_payment')) start('advance_payment');
      break;
    case 'approve':
    case 'fast_track_approve':
      // Approved before any decision clock ran (the fast track decides at reporting): it starts and stops now.
      if (!clocks.has('determination')) clocks.set('determination', startClock('determination', rules.determination, now));
      edit('determination', (c) => stopClock(c, now));
      edit('advance_payment', (c) => stopClock(c, now));
      start('payment');
      break;
    case 'deny':
      edit('determination', (c) => stopClock(c, now));
      edit('advance_payment', (c) => stopClock(c, now));
      start('denial_notice');
      break;
    case 'final_payment':
    case 'close':
      edit('payment', (c) => stopClock(c, now));
      break;
    case 'withdraw':
      for (const kind of clocks.keys()) edit(kind, (c) => stopClock(c, now));
      break;
    case 'advance_payment':
      edit('advance_payment', (c) => stopClock(c, now));
      break;
    case 'denial_notice':
      edit('denial_notice', (c) => stopClock(c, now));
      break;
    default:
      break;
  }
  // The last change of a kind wins (e.g. resume, then stop).
  const byKind = new Map(changed.map((c) => [c.kind, c]));
  for (const c of byKind.values()) await saveClock(tx, claim.customer_id, claim.id, c);
}

/** Tells the customer about a step (through the outbox, only with consent to service messages). */
async function notifyCustomer(deps: ModuleDeps, tx: Tx, claim: Pick<ClaimRow, 'id' | 'customer_id' | 'claim_no'>, step: string) {
  if (!(await hasConsent({ ...deps, db: tx }, claim.customer_id, 'service', 'sms'))) return;
  await insertOutbox(tx, 'message.claim_progress', claim.customer_id, claim.id, { claimId: claim.id, claimNo: claim.claim_no, step, channel: 'sms' });
}

/** The notice of missing documents reaches the customer with the documents by name (the product's names). */
async function notifyDocumentsRequested(deps: ModuleDeps, tx: Tx, claim: Pick<ClaimRow, 'id' | 'customer_id' | 'claim_no'>, names: string[]) {
  if (!(await hasConsent({ ...deps, db: tx }, claim.customer_id, 'service', 'sms'))) return;
  await insertOutbox(tx, 'message.claim_documents_requested', claim.customer_id, claim.id, { claimId: claim.id, claimNo: claim.claim_no, documents: names.join('、'), channel: 'sms' });
}

/**
 * Moves a claim (version-checked), records the event and audit entry, runs the clock effects and
 * tells the customer. The one path every status change takes.
 */
async function moveClaim(
  deps: ModuleDeps,
  tx: Tx,
  actor: Actor,
  claim: ClaimRow,
  move: ClaimMove,
  input: { reason: string | null; version: number; patch?: Parameters<typeof updateClaim>[3]; data?: Record<string, unknown>; quiet?: boolean },
  now: Date,
) {
  const to = nextStatus(claim.status, move);
  if (!to) throw invalidTransition(claim.status, move.replace(/_/g, ' '));
  await applyClockEffects(tx, claim, move, now);
  if (!(await updateClaim(tx, claim.id, input.version, { ...input.patch, status: to, ...(to === 'closed' ? { closed_at: now } : {}) }))) throw versionConflict('Claim');
  await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: claim.id, type: move, from: claim.status, to, reason: input.reason, data: input.data ?? {}, actorId: actor.id, actorName: actor.displayName, at: now });
  await recordAuditEvent(tx, actor, { action: 'claim.updated', entityType: 'claim', entityId: claim.id, customerId: claim.customer_id, data: { move, from: claim.status, to, ...(input.data ?? {}) } });
  if (!input.quiet) await notifyCustomer(deps, tx, claim, move);
  // The survey and loss assessment (查勘定损) is done: automation schedules the survey visit (查勘回访).
  if (claim.status === 'assessing' && (to === 'documents_pending' || to === 'adjusting')) await insertOutbox(tx, 'claim.assessed', claim.customer_id, claim.id, { claimId: claim.id, claimNo: claim.claim_no });
  if (to === 'closed') await insertOutbox(tx, 'claim.closed', claim.customer_id, claim.id, { claimId: claim.id, claimNo: claim.claim_no, requests: ['satisfaction_survey', 'case_closure_visit'] });
  return to;
}

/** Locks and re-reads the claim inside the transaction, in the actor's scope. */
async function lockVisibleClaim(deps: ModuleDeps, tx: Tx, actor: Actor, id: string) {
  const visible = await findClaimById(tx, id, claimScopeOf(actor));
  if (!visible) throw notFound('Claim');
  await lockClaim(tx, id);
  return (await findClaimById(tx, id))!;
}

async function detailOf(deps: ModuleDeps, tx: Tx, id: string) {
  return loadClaimDetail({ ...deps, db: tx }, (await findClaimById(tx, id))!);
}

/** The adjuster with the fewest open claims among the nearest unit that has adjusters. */
async function pickAdjuster(tx: Tx, orgPath: string) {
  const candidates = await findAdjustersFor(tx, orgPath);
  if (candidates.length === 0) return null;
  const nearest = candidates.filter((c) => c.path === candidates[0]!.path);
  const load = await openClaimCounts(
    tx,
    nearest.map((c) => c.id),
  );
  return [...nearest].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.username.localeCompare(b.username))[0]!;
}

/** The reason stored on the fast track's adjustment line (the console words it). */
export const FAST_TRACK_ADJUSTMENT_REASON = 'fast_track';

/** Runs the fast-track rules and, when every one passes, approves the claim and instructs payment. */
async function tryFastTrack(deps: ModuleDeps, tx: Tx, actor: Actor, claimId: string, now: Date) {
  const claim = (await findClaimById(tx, claimId))!;
  if (claim.line !== 'medical' || claim.fast_track || !['reported', 'registered'].includes(claim.status)) return;
  const settings = await readSetting<FastTrackSettings>(tx, 'fast_track');
  const policy = (await findPolicyForClaim({ ...deps, db: tx }, { policyId: claim.policy_id }))!;
  const incident = JSON.parse(deps.cipher.decrypt(claim.incident_enc)) as { kind: string; diagnosisCode?: string; invoiceItems?: { invoiceNo: string }[] };
  const documents = await listDocuments(tx, claim.id);
  const received = new Set(documents.map((d) => d.code));
  const principal = policy.product.coverages[0];
  const decision = judgeFastTrack(
    {
      line: claim.line,
      incidentOn: shanghaiDateOf(claim.incident_at),
      policy: { status: policy.row.status, effectiveOn: policy.row.effective_on, expiresOn: policy.row.expires_on, statusChangedOn: policy.row.status_changed_on, waitingDays: policy.product.waiting_days },
      insuredOnPolicy: policy.parties.some((p) => p.role === 'insured' && p.customer_id === claim.customer_id),
      amountClaimedFen: claim.amount_claimed_fen,
      diagnosisCode: incident.diagnosisCode ?? null,
      invoicesClaimedBefore: await findClaimedInvoices(
        tx,
        (incident.invoiceItems ?? []).map((i) => i.invoiceNo),
        claim.id,
      ),
      fraudFlagged: await customerHasFraudFlag(tx, claim.customer_id),
      missingDocuments: policy.product.claim_documents.filter((d) => d.required && !received.has(d.code)).map((d) => d.code),
      coverage: principal ? { code: principal.code, name: principal.name, deductibleFen: principal.deductibleFen, reimbursementPct: principal.reimbursementPct } : null,
    },
    settings,
    now,
  );
  if (!decision.eligible) {
    if (!(await updateClaim(tx, claim.id, claim.version, { fast_track_decision: JSON.stringify(decision) }))) throw versionConflict('Claim');
    return;
  }
  // The rules' own adjustment (理算): the claimed amount under the principal coverage, at its
  // reimbursement ratio, within the sum insured — recorded like an adjuster's, approved at its total.
  const line = { claimedFen: claim.amount_claimed_fen, excludedFen: 0, deductibleFen: 0, ratioPct: principal!.reimbursementPct, limitFen: policy.row.sum_insured_fen };
  const approvedFen = payableFen(line);
  await tx
    .insertInto('claim_adjustment_line')
    .values({
      customer_id: claim.customer_id,
      claim_id: claim.id,
      line_no: 1,
      coverage_code: principal!.code,
      description: principal!.name,
      claimed_fen: line.claimedFen,
      excluded_fen: 0,
      deductible_fen: 0,
      ratio_pct: line.ratioPct,
      limit_fen: line.limitFen,
      payable_fen: approvedFen,
      reason: FAST_TRACK_ADJUSTMENT_REASON,
    })
    .execute();
  const current = (await findClaimById(tx, claim.id))!;
  await moveClaim(
    deps,
    tx,
    actor,
    current,
    'fast_track_approve',
    {
      reason: null,
      version: current.version,
      patch: { fast_track: true, fast_track_decision: JSON.stringify(decision), amount_approved_fen: approvedFen, approved_at: now, documents_complete_at: now },
      data: { amountApprovedFen: approvedFen },
    },
    now,
  );
  await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: claim.id, type: 'payment_instructed', from: 'paying', to: 'paying', reason: null, data: { amountFen: approvedFen }, actorId: actor.id, actorName: actor.displayName, at: now });
  await insertOutbox(tx, 'claim.payment_instructed', claim.customer_id, claim.id, { claimId: claim.id, claimNo: claim.claim_no, amountFen: approvedFen });
}

/**
 * Reports a claim (报案): finds the policy, checks it covers the insured on the incident date,
 * routes the claim to an adjuster, flags green-channel and repeat claimants, starts nothing yet
 * (the determination clock starts at registration), tells the customer, and runs the fast track.
 */
export async function reportClaim(deps: ModuleDeps, actor: Actor, input: TReportClaimRequest, now = new Date()) {
  if (!mayReportClaims(actor)) throw forbidden('You may not report claims');
  const incidentAt = new Date(input.incidentAt);
  if (incidentAt > now) throw fieldError('body.incidentAt', rule('in_future', 'is in the future'));
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const policy = await findPolicyForClaim(txDeps, { policyId: input.policyId, policyNo: input.policyNo });
    const policyField = input.policyId ? 'body.policyId' : 'body.policyNo';
    if (!policy || !policy.row.org_path.startsWith(actor.orgPath)) throw new DomainError('NOT_FOUND', 'Policy not found', [{ field: policyField, message: 'no such policy in your scope', rule: 'not_found' }]);
    const insured = policy.parties.filter((p) => p.role === 'insured');
    const insuredId = input.insuredId ?? (insured.length === 1 ? insured[0]!.customer_id : undefined);
    if (!insuredId) throw fieldError('body.insuredId', rule('several_insured', 'the policy has several insured: say which one'));
    const notCovered = (field: string, problem: FieldProblem) => new DomainError('CLAIM_NOT_COVERED', problem.message, [fieldProblem(field, problem)]);
    if (!insured.some((p) => p.customer_id === insuredId)) throw notCovered('body.insuredId', rule('not_insured', 'this person is not insured by the policy'));
    const incidentOn = shanghaiDateOf(incidentAt);
    const policyFacts = { status: policy.row.status, effectiveOn: policy.row.effective_on, expiresOn: policy.row.expires_on, statusChangedOn: policy.row.status_changed_on, waitingDays: policy.product.waiting_days };
    if (!inForceOn(policyFacts, incidentOn)) throw notCovered('body.incidentAt', rule('not_in_force_on', `the policy was not in force on ${incidentOn}`, { date: incidentOn }));
    const kindOf = { medical: 'medical', motor_compulsory: 'motor', motor_commercial: 'motor', property: 'property', liability: 'property' } as Record<string, string>;
    const expectedKind = kindOf[policy.row.product_line] ?? 'illness';
    if (input.incident.kind !== expectedKind) throw fieldError('body.incident.kind', rule('incident_kind_mismatch', `a ${policy.row.product_line} policy takes ${expectedKind} claims`, { line: policy.row.product_line, expected: expectedKind }));
    if (input.incident.kind === 'medical' && !input.incident.diagnosisCode && !input.incident.description) {
      throw fieldError('body.incident.description', rule('required_without_diagnosis', 'say what was diagnosed when there is no ICD-10 code'));
    }
    const invoiceNos = input.incident.kind === 'medical' ? input.incident.invoiceItems.map((i) => i.invoiceNo.toUpperCase()) : [];
    if (new Set(invoiceNos).size !== invoiceNos.length) throw fieldError('body.incident.invoiceItems', rule('listed_twice', 'an invoice number appears twice'));

    const id = newId();
    const customer = (await findCustomerBasics(txDeps, insuredId))!;
    const green = (await entitlementsOf(tx, customer.id)).entitlements.greenChannel;
    const adjuster = await pickAdjuster(tx, policy.row.org_path);
    const recent = await countRecentClaims(tx, insuredId, new Date(now.getTime() - YEAR_MS), id);
    const claimNo = await nextClaimNumber(tx, Number(shanghaiDateOf(now).slice(0, 4)));
    // S6: a claim of a blacklisted claimant or policyholder is flagged fraud-suspected from the start (no fast track).
    const blacklisted = (await blacklistInEffect(tx, insuredId, shanghaiDateOf(now))) ?? (policy.row.customer_id === insuredId ? null : await blacklistInEffect(tx, policy.row.customer_id, shanghaiDateOf(now)));
    const incident = input.incident.kind === 'medical' ? { ...input.incident, invoiceItems: input.incident.invoiceItems.map((i) => ({ ...i, invoiceNo: i.invoiceNo.toUpperCase() })) } : input.incident;
    await insertClaim(tx, {
      customer_id: insuredId,
      id,
      claim_no: claimNo,
      policy_id: policy.row.id,
      product_id: policy.row.product_id,
      line: policy.row.product_line,
      status: 'reported',
      channel: actor.kind === 'api_key' ? 'partner' : input.channel,
      reported_at: now,
      incident_at: incidentAt,
      incident_kind: input.incident.kind,
      incident_enc: deps.cipher.encrypt(JSON.stringify(incident)),
      reporter_name: input.reporterName ?? null,
      reporter_phone_enc: input.reporterPhone ? deps.cipher.encrypt(input.reporterPhone) : null,
      reporter_phone_masked: input.reporterPhone ? maskMobile(input.reporterPhone) : null,
      amount_claimed_fen: input.amountClaimedFen,
      amount_approved_fen: null,
      assignee_id: adjuster?.id ?? null,
      assignee_name: adjuster?.display_name ?? null,
      org_unit_id: policy.row.org_unit_id,
      org_path: policy.row.org_path,
      agent_id: policy.row.agent_id,
      owner_agent_id: customer.ownerAgentId,
      green_channel: green,
      multi_claim: recent >= 1,
      fraud_suspected: blacklisted !== null,
      fast_track_decision: null,
      denial_reason: null,
      denial_clause: null,
      created_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
    });
    await insertInvoices(
      tx,
      invoiceNos.map((n, i) => ({ customer_id: insuredId, claim_id: id, invoice_no: n, amount_fen: input.incident.kind === 'medical' ? input.incident.invoiceItems[i]!.amountFen : 0 })),
    );
    await insertClaimEvent(tx, {
      customerId: insuredId,
      claimId: id,
      type: 'reported',
      from: null,
      to: 'reported',
      reason: null,
      data: { channel: input.channel, assigneeId: adjuster?.id ?? null, greenChannel: green, multiClaim: recent >= 1 },
      actorId: actor.id,
      actorName: actor.displayName,
      at: now,
    });
    if (blacklisted) {
      await insertClaimEvent(tx, { customerId: insuredId, claimId: id, type: 'flagged', from: 'reported', to: 'reported', reason: null, data: { fraudSuspected: true, blacklistEntryId: blacklisted.id }, actorId: actor.id, actorName: actor.displayName, at: now });
    }
    await recordAuditEvent(tx, actor, { action: 'claim.reported', entityType: 'claim', entityId: id, customerId: insuredId, data: { claimNo, policyId: policy.row.id, channel: input.channel, amountClaimedFen: input.amountClaimedFen, ...(blacklisted ? { fraudSuspected: true, blacklistEntryId: blacklisted.id } : {}) } });
    await notifyCustomer(deps, tx, { id, customer_id: insuredId, claim_no: claimNo }, 'reported');
    await tryFastTrack(deps, tx, actor, id, now);
    return detailOf(deps, tx, id);
  });
}

/** A workflow action (register, assess, documents complete, submit, send back, close, withdraw, reopen). */
export async function transitionClaim(deps: ModuleDeps, actor: Actor, id: string, input: TClaimTransitionRequest, now = new Date()) {
  const approverAction = input.action === 'send_back';
  if (approverAction ? !mayApproveClaims(actor) : !mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.version !== input.version) throw versionConflict('Claim');
    const patch: Parameters<typeof updateClaim>[3] = {};
    if (input.action === 'complete_documents') {
      const detail = await loadClaimDetail({ ...deps, db: tx }, claim);
      const missingItems = detail.checklist.filter((c) => c.required && !c.received);
      const missing = missingItems.map((c) => c.code);
      if (missing.length > 0) {
        throw new DomainError('CLAIM_INVALID_TRANSITION', `Required documents are missing: ${missing.join(', ')}`, [
          { field: 'body.action', message: `missing: ${missing.join(', ')}`, rule: 'documents_missing', params: { codes: missing.join(', '), names: missingItems.map((c) => c.name).join('、') } },
        ]);
      }
      patch.documents_complete_at = now;
    }
    if (input.action === 'submit_for_approval' && (await loadClaimDetail({ ...deps, db: tx }, claim)).adjustment.length === 0) {
      throw new DomainError('CLAIM_INVALID_TRANSITION', 'Adjust the claim before submitting it for approval', [{ field: 'body.action', message: 'no adjustment yet', rule: 'not_adjusted' }]);
    }
    if (input.action === 'close' && claim.amount_paid_fen < (claim.amount_approved_fen ?? 0)) {
      throw new DomainError('CLAIM_INVALID_TRANSITION', 'The approved amount is not fully paid', [{ field: 'body.action', message: 'record the remaining payment first', rule: 'not_fully_paid' }]);
    }
    if (input.action === 'reopen') Object.assign(patch, { closed_at: null });
    await moveClaim(deps, tx, actor, claim, input.action, { reason: input.reason, version: input.version, patch }, now);
    return detailOf(deps, tx, id);
  });
}

/**
 * Sends the notice of missing documents. The first notice must list every required document still
 * missing (Insurance Law Art. 22: one complete notice); a later one must say why its items were not
 * in the first. Moves the claim to documents_pending and pauses the determination clock.
 */
export async function sendDocumentNotice(deps: ModuleDeps, actor: Actor, id: string, input: TDocumentNoticeRequest, now = new Date()) {
  if (!mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.version !== input.version) throw versionConflict('Claim');
    const detail = await loadClaimDetail({ ...deps, db: tx }, claim);
    const known = new Set(detail.checklist.map((c) => c.code));
    const unknown = input.codes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw fieldError('body.codes', rule('not_on_checklist', `not on this product's checklist: ${unknown.join(', ')}`, { codes: unknown.join(', ') }));
    const first = (await listNotices(tx, id)).length === 0;
    if (first) {
      const missing = detail.checklist.filter((c) => c.required && !c.received && !input.codes.includes(c.code)).map((c) => c.code);
      if (missing.length > 0) throw new DomainError('CLAIM_NOTICE_INCOMPLETE', `The first notice must list everything missing; also missing: ${missing.join(', ')}`, [{ field: 'body.codes', message: `also missing: ${missing.join(', ')}`, rule: 'notice_incomplete', params: { codes: missing.join(', ') } }]);
    } else if (!input.lateReason) {
      throw new DomainError('CLAIM_NOTICE_INCOMPLETE', 'A later notice must say why these documents were not in the first one', [{ field: 'body.lateReason', message: 'is required after the first notice', rule: 'late_reason_required' }]);
    }
    await tx
      .insertInto('claim_document_notice')
      .values({ customer_id: claim.customer_id, id: newId(), claim_id: id, codes: input.codes, first, late_reason: first ? null : input.lateReason!, sent_at: now, sent_by_name: actor.displayName })
      .execute();
    const data = { codes: input.codes, first };
    if (claim.status === 'documents_pending') {
      if (!(await updateClaim(tx, id, input.version, {}))) throw versionConflict('Claim');
      await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'document_notice', from: claim.status, to: claim.status, reason: input.lateReason ?? null, data, actorId: actor.id, actorName: actor.displayName, at: now });
    } else {
      await moveClaim(deps, tx, actor, claim, 'request_documents', { reason: input.lateReason ?? null, version: input.version, data, quiet: true }, now);
      await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'document_notice', from: 'documents_pending', to: 'documents_pending', reason: input.lateReason ?? null, data, actorId: actor.id, actorName: actor.displayName, at: now });
    }
    await notifyDocumentsRequested(deps, tx, claim, input.codes.map((code) => detail.checklist.find((c) => c.code === code)?.name ?? code));
    return detailOf(deps, tx, id);
  });
}

/**
 * The decision clock waits on the customer only until everything the notices asked for is in (Art.
 * 22–23): the upload that completes them resumes it — the company's review time counts — and records
 * a `documents_received` event. Moving the claim on (complete_documents) stays the adjuster's check.
 */
async function resumeWhenAllReceived(tx: Tx, claim: ClaimRow, actor: Actor, now: Date) {
  const asked = (await listNotices(tx, claim.id)).flatMap((n) => n.codes);
  const received = new Set((await listDocuments(tx, claim.id)).map((d) => d.code));
  if (asked.length === 0 || !asked.every((code) => received.has(code))) return;
  const clock = (await listClocks(tx, [claim.id])).get(claim.id)?.find((c) => c.kind === 'determination');
  if (!clock?.pausedAt || clock.stoppedAt) return;
  await saveClock(tx, claim.customer_id, claim.id, resumeClock(clock, now));
  await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: claim.id, type: 'documents_received', from: claim.status, to: claim.status, reason: null, data: { codes: [...new Set(asked)] }, actorId: actor.id, actorName: actor.displayName, at: now });
}

/** Stores a document (JPEG, PNG, PDF ≤ 10 MB) on disk and records it; may complete a fast-track claim. */
export async function uploadClaimDocument(deps: ModuleDeps, store: DocumentStore, actor: Actor, id: string, input: TUploadClaimDocumentRequest, now = new Date()) {
  if (!mayHandleClaims(actor) && !mayReportClaims(actor)) throw forbidden('You may not add claim documents');
  const file = checkUpload(input.contentBase64);
  const claim = await requireVisibleClaim(deps, actor, id);
  const key = await store.write(claim.id, file.bytes);
  return inTransaction(deps.db, async (tx) => {
    const current = await lockVisibleClaim(deps, tx, actor, id);
    if (!['reported', 'registered', 'assessing', 'documents_pending', 'adjusting', 'approving', 'reopened'].includes(current.status)) throw invalidTransition(current.status, 'take documents');
    const docId = newId();
    await tx
      .insertInto('claim_document')
      .values({ customer_id: current.customer_id, id: docId, claim_id: id, code: input.code, file_name: input.fileName, content_type: file.contentType, size_bytes: file.bytes.length, sha256: file.sha256, storage_key: key, uploaded_at: now, uploaded_by_name: actor.displayName })
      .execute();
    await updateClaim(tx, id, current.version, {});
    await insertClaimEvent(tx, { customerId: current.customer_id, claimId: id, type: 'document_added', from: current.status, to: current.status, reason: null, data: { code: input.code, documentId: docId }, actorId: actor.id, actorName: actor.displayName, at: now });
    await recordAuditEvent(tx, actor, { action: 'claim.document_added', entityType: 'claim', entityId: id, customerId: current.customer_id, data: { documentId: docId, code: input.code, contentType: file.contentType, sizeBytes: file.bytes.length } });
    if (current.status === 'documents_pending') await resumeWhenAllReceived(tx, current, actor, now);
    await tryFastTrack(deps, tx, actor, id, now);
    return detailOf(deps, tx, id);
  });
}

/** A stored document's bytes (audited as a read of the customer's claim data). */
export async function readClaimDocument(deps: ModuleDeps, store: DocumentStore, actor: Actor, id: string, documentId: string) {
  if (!mayHandleClaims(actor) && !mayApproveClaims(actor)) throw forbidden('You may not open claim documents');
  const claim = await requireVisibleClaim(deps, actor, id);
  const doc = (await listDocuments(deps.db, id)).find((d) => d.id === documentId);
  if (!doc) throw notFound('Document');
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'customer.viewed', entityType: 'claim', entityId: id, customerId: claim.customer_id, data: { section: 'claim_document', documentId } });
  return { doc, bytes: await store.read(doc.storage_key) };
}

/** Records the adjustment (理算): lines with deductible, ratio, limit and reason; the payable total. */
export async function adjustClaim(deps: ModuleDeps, actor: Actor, id: string, input: TAdjustClaimRequest, now = new Date()) {
  if (!mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (!['adjusting', 'assessing', 'documents_pending', 'reopened'].includes(claim.status)) throw invalidTransition(claim.status, 'be adjusted');
    const policy = (await findPolicyForClaim({ ...deps, db: tx }, { policyId: claim.policy_id }))!;
    const coverages = new Set(policy.product.coverages.map((c) => c.code));
    input.lines.forEach((l, i) => {
      if (!coverages.has(l.coverageCode)) throw fieldError(`body.lines.${i}.coverageCode`, rule('not_a_coverage', `not a coverage of ${policy.row.product_code}`));
      if (l.excludedFen > l.claimedFen) throw fieldError(`body.lines.${i}.excludedFen`, rule('exceeds_claimed', 'must not exceed the claimed amount'));
    });
    const lines = input.lines.map((l, i) => ({
      customer_id: claim.customer_id,
      claim_id: id,
      line_no: i + 1,
      coverage_code: l.coverageCode,
      description: l.description,
      claimed_fen: l.claimedFen,
      excluded_fen: l.excludedFen,
      deductible_fen: l.deductibleFen,
      ratio_pct: l.ratioPct,
      limit_fen: l.limitFen,
      payable_fen: payableFen(l),
      reason: l.reason,
    }));
    const total = lines.reduce((s, l) => s + l.payable_fen, 0);
    await tx.deleteFrom('claim_adjustment_line').where('claim_id', '=', id).execute();
    await tx.insertInto('claim_adjustment_line').values(lines).execute();
    if (!(await updateClaim(tx, id, input.version, { adjusted_by: actor.id }))) throw versionConflict('Claim');
    await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'adjusted', from: claim.status, to: claim.status, reason: null, data: { payableFen: total, lines: lines.length }, actorId: actor.id, actorName: actor.displayName, at: now });
    await recordAuditEvent(tx, actor, { action: 'claim.updated', entityType: 'claim', entityId: id, customerId: claim.customer_id, data: { move: 'adjust', payableFen: total } });
    return detailOf(deps, tx, id);
  });
}

/** Approves (核赔) at the adjusted total, within the approver's authority; the adjuster cannot approve their own adjustment. */
export async function approveClaim(deps: ModuleDeps, actor: Actor, id: string, input: TApproveClaimRequest, now = new Date()) {
  if (!mayApproveClaims(actor)) throw forbidden('You may not approve claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.version !== input.version) throw versionConflict('Claim');
    const detail = await loadClaimDetail({ ...deps, db: tx }, claim);
    const total = detail.adjustment.reduce((s, l) => s + l.payable_fen, 0);
    if (claim.adjusted_by === actor.id) throw new DomainError('CLAIM_SELF_APPROVAL', 'You adjusted this claim; another person must approve it', [{ field: 'body', message: 'four-eyes rule', rule: 'four_eyes' }]);
    const limit = approvalLimitFen(actor.roles, await readSetting<Record<string, number | null>>(tx, 'approval_authority'));
    if (limit !== null && total > limit) throw new DomainError('CLAIM_APPROVAL_AUTHORITY', `The amount exceeds your approval authority (${limit} fen)`, [{ field: 'body', message: `limit ${limit} fen`, rule: 'above_authority', params: { limitFen: limit } }]);
    await moveClaim(deps, tx, actor, claim, 'approve', { reason: input.reason, version: input.version, patch: { amount_approved_fen: total, approved_by: actor.id, approved_at: now }, data: { amountApprovedFen: total } }, now);
    return detailOf(deps, tx, id);
  });
}

/** Denies with reason and clause; the written notice is then due within 3 days. */
export async function denyClaim(deps: ModuleDeps, actor: Actor, id: string, input: TDenyClaimRequest, now = new Date()) {
  if (!mayHandleClaims(actor) && !mayApproveClaims(actor)) throw forbidden('You may not deny claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.version !== input.version) throw versionConflict('Claim');
    await moveClaim(deps, tx, actor, claim, 'deny', { reason: input.reason, version: input.version, patch: { denial_reason: input.reason, denial_clause: input.clause }, data: { clause: input.clause } }, now);
    return detailOf(deps, tx, id);
  });
}

/** Records that the written denial notice went out (stops the 3-day clock). */
export async function recordDenialNotice(deps: ModuleDeps, actor: Actor, id: string, input: TDenialNoticeRequest, now = new Date()) {
  if (!mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.status !== 'denied') throw invalidTransition(claim.status, 'have a denial notice');
    // One notice per denial: the denial started the notice clock, the notice stops it.
    const noticeClock = (await listClocks(tx, [id])).get(id)?.find((c) => c.kind === 'denial_notice');
    if (noticeClock && noticeClock.stoppedAt) {
      throw new DomainError('CLAIM_INVALID_TRANSITION', 'The denial notice of this denial was already recorded', [{ field: 'body', message: 'already recorded', rule: 'notice_already_sent' }]);
    }
    await applyClockEffects(tx, claim, 'denial_notice', now);
    if (!(await updateClaim(tx, id, input.version, {}))) throw versionConflict('Claim');
    await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'denial_notice', from: 'denied', to: 'denied', reason: null, data: { sentVia: input.sentVia }, actorId: actor.id, actorName: actor.displayName, at: now });
    await recordAuditEvent(tx, actor, { action: 'claim.updated', entityType: 'claim', entityId: id, customerId: claim.customer_id, data: { move: 'denial_notice', sentVia: input.sentVia } });
    return detailOf(deps, tx, id);
  });
}

/**
 * Records a payment: an advance (before approval, up to the adjusted amount), a partial or the
 * final payment (after approval; the final one pays the rest exactly and closes the claim).
 */
export async function recordClaimPayment(deps: ModuleDeps, actor: Actor, id: string, input: TRecordClaimPaymentRequest, now = new Date()) {
  if (!mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (claim.version !== input.version) throw versionConflict('Claim');
    const paid = (await listPayments(tx, id)).reduce((s, p) => s + p.amount_fen, 0);
    const exceeds = (problem: FieldProblem) => new DomainError('CLAIM_PAYMENT_EXCEEDS', problem.message, [fieldProblem('body.amountFen', problem)]);
    if (input.kind === 'advance') {
      if (!['assessing', 'documents_pending', 'adjusting', 'approving'].includes(claim.status)) throw invalidTransition(claim.status, 'take an advance payment');
      const determinable = (await loadClaimDetail({ ...deps, db: tx }, claim)).adjustment.reduce((s, l) => s + l.payable_fen, 0);
      if (paid + input.amountFen > determinable) throw exceeds(rule('advance_exceeds', `an advance may not exceed the amount already determined (${determinable} fen)`, { maximumFen: determinable }));
    } else {
      if (claim.status !== 'paying') throw invalidTransition(claim.status, 'be paid');
      const rest = (claim.amount_approved_fen ?? 0) - paid;
      if (input.kind === 'final' && input.amountFen !== rest) throw exceeds(rule('final_not_rest', `the final payment must be the rest: ${rest} fen`, { restFen: rest }));
      if (input.kind === 'partial' && input.amountFen >= rest) throw exceeds(rule('partial_not_below_rest', `a partial payment must be less than the rest (${rest} fen); use final`, { restFen: rest }));
    }
    await tx
      .insertInto('claim_payment')
      .values({
        customer_id: claim.customer_id,
        id: newId(),
        claim_id: id,
        kind: input.kind,
        payee_name: input.payeeName,
        bank_account_enc: deps.cipher.encrypt(input.bankAccount),
        bank_account_masked: maskBankAccount(input.bankAccount),
        amount_fen: input.amountFen,
        paid_at: now,
        recorded_by_name: actor.displayName,
      })
      .execute();
    const data = { kind: input.kind, amountFen: input.amountFen };
    await recordAuditEvent(tx, actor, { action: 'claim.paid', entityType: 'claim', entityId: id, customerId: claim.customer_id, data });
    if (input.kind === 'final') {
      await moveClaim(deps, tx, actor, claim, 'final_payment', { reason: null, version: input.version, patch: { amount_paid_fen: paid + input.amountFen }, data }, now);
    } else {
      if (input.kind === 'advance') await applyClockEffects(tx, claim, 'advance_payment', now);
      if (!(await updateClaim(tx, id, input.version, { amount_paid_fen: paid + input.amountFen }))) throw versionConflict('Claim');
      await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'payment', from: claim.status, to: claim.status, reason: null, data, actorId: actor.id, actorName: actor.displayName, at: now });
      await notifyCustomer(deps, tx, claim, 'payment');
    }
    return detailOf(deps, tx, id);
  });
}

/** Assigns the claim to a claims adjuster whose unit covers the claim. */
export async function assignClaim(deps: ModuleDeps, actor: Actor, id: string, input: TAssignClaimRequest, now = new Date()) {
  if (!mayHandleClaims(actor) && !mayApproveClaims(actor)) throw forbidden('You may not assign claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    const adjusters = await findAdjustersFor(tx, claim.org_path);
    const target = adjusters.find((a) => a.id === input.assigneeId);
    if (!target) {
      const exists = await findStaffById(tx, input.assigneeId);
      throw fieldError('body.assigneeId', exists ? rule('not_an_adjuster', 'is not an active claims adjuster of this claim’s unit or above') : rule('not_found', 'no such staff account'));
    }
    if (!(await updateClaim(tx, id, input.version, { assignee_id: target.id, assignee_name: target.display_name }))) throw versionConflict('Claim');
    await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'assigned', from: claim.status, to: claim.status, reason: null, data: { assigneeId: target.id }, actorId: actor.id, actorName: actor.displayName, at: now });
    await recordAuditEvent(tx, actor, { action: 'claim.updated', entityType: 'claim', entityId: id, customerId: claim.customer_id, data: { move: 'assign', assigneeId: target.id } });
    return detailOf(deps, tx, id);
  });
}

/** Sets or clears the fraud-suspected flag (it blocks the fast track for all the customer's claims). */
export async function flagClaim(deps: ModuleDeps, actor: Actor, id: string, input: TClaimFlagsRequest, now = new Date()) {
  if (!mayHandleClaims(actor)) throw forbidden('You may not handle claims');
  return inTransaction(deps.db, async (tx) => {
    const claim = await lockVisibleClaim(deps, tx, actor, id);
    if (!(await updateClaim(tx, id, input.version, { fraud_suspected: input.fraudSuspected }))) throw versionConflict('Claim');
    await insertClaimEvent(tx, { customerId: claim.customer_id, claimId: id, type: 'flagged', from: claim.status, to: claim.status, reason: input.reason, data: { fraudSuspected: input.fraudSuspected }, actorId: actor.id, actorName: actor.displayName, at: now });
    await recordAuditEvent(tx, actor, { action: 'claim.updated', entityType: 'claim', entityId: id, customerId: claim.customer_id, data: { move: 'flag', fraudSuspected: input.fraudSuspected } });
    return detailOf(deps, tx, id);
  });
}
