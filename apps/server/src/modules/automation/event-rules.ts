import { sql } from 'kysely';
import { shanghaiDateOf, shanghaiInstant } from '../../platform/business-calendar.ts';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { openServiceImprovementInTransaction } from '../complaints/index.ts';
import { isMessageTemplate, queueMessage } from '../messages/index.ts';
import { refreshCustomers } from '../segmentation/index.ts';
import { addDays } from '../policies/index.ts';
import { createTaskInTransaction, scheduleVisitInTransaction, sendSurveyInTransaction } from '../service/index.ts';
import type { AutomationRuntime } from './automation-runtime.ts';
import { fireOnce, loadRule, numberParam, type RuleAction } from './rule-run.ts';

const DAY_MS = 86_400_000;

/** An outbox event as the dispatcher hands it over. */
export interface OutboxEvent {
  id: string;
  topic: string;
  customerId: string | null;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

type EventHandler = (deps: ModuleDeps & { db: Tx }, runtime: AutomationRuntime, event: OutboxEvent, now: Date) => Promise<boolean>;

/** Claim closed: a case-closure visit within 3 days and the claim-closure survey (V2, V4). */
const claimClosed: EventHandler = async (deps, runtime, event, now) => {
  const rule = await loadRule(deps.db, 'claim_closure_visit');
  if (!rule.enabled || !event.customerId || !event.aggregateId) return false;
  const claim = await deps.db
    .selectFrom('claim as k')
    .innerJoin('policy as p', 'p.id', 'k.policy_id')
    .select(['k.id', 'k.customer_id', 'k.claim_no', 'k.org_unit_id', 'k.policy_id', 'p.product_id', 'p.agent_id'])
    .where('k.customer_id', '=', event.customerId)
    .where('k.id', '=', event.aggregateId)
    .executeTakeFirst();
  if (!claim) return false;
  return fireOnce(deps.db, 'claim_closure_visit', claim.customer_id, claim.id, { text: `claim ${claim.claim_no} was closed`, params: { claimNo: claim.claim_no } }, async (tx) => {
    const visitId = await scheduleVisitInTransaction(tx, null, { customerId: claim.customer_id, visitType: 'case_closure', dueAt: new Date(now.getTime() + numberParam(rule.params, 'visitWithinDays', 3) * DAY_MS), policyId: claim.policy_id, claimId: claim.id, orgUnitId: claim.org_unit_id, assigneeId: null, source: 'rule:claim_closure_visit' }, undefined, now);
    const surveyId = await sendSurveyInTransaction({ ...deps, db: tx }, { customerId: claim.customer_id, templateCode: 'claim_closure', claimId: claim.id, orgUnitId: claim.org_unit_id, productId: claim.product_id, agentId: claim.agent_id, validDays: numberParam(rule.params, 'surveyValidDays', 14), source: 'rule:claim_closure_visit' }, runtime.settings.publicUrl, now);
    return [{ kind: 'visit', id: visitId }, { kind: 'survey', id: surveyId }];
  }, now);
};

/** Survey and loss assessment done on a claim: the survey visit (查勘回访) asks whether the surveyor served well. */
const claimAssessed: EventHandler = async (deps, _runtime, event, now) => {
  const rule = await loadRule(deps.db, 'survey_visit');
  if (!rule.enabled || !event.customerId || !event.aggregateId) return false;
  const claim = await deps.db.selectFrom('claim').select(['id', 'customer_id', 'claim_no', 'org_unit_id', 'policy_id']).where('customer_id', '=', event.customerId).where('id', '=', event.aggregateId).executeTakeFirst();
  if (!claim) return false;
  return fireOnce(deps.db, 'survey_visit', claim.customer_id, claim.id, { text: `the survey and loss assessment of claim ${claim.claim_no} is done`, params: { claimNo: claim.claim_no } }, async (tx) => [
    { kind: 'visit', id: await scheduleVisitInTransaction(tx, null, { customerId: claim.customer_id, visitType: 'survey', dueAt: new Date(now.getTime() + numberParam(rule.params, 'visitWithinDays', 2) * DAY_MS), policyId: claim.policy_id, claimId: claim.id, orgUnitId: claim.org_unit_id, assigneeId: null, source: 'rule:survey_visit' }, undefined, now) },
  ], now);
};

/** Complaint resolved: a complaint-closure visit and survey, judged against the handling unit. */
const complaintClosed: EventHandler = async (deps, runtime, event, now) => {
  const rule = await loadRule(deps.db, 'complaint_closure_visit');
  if (!rule.enabled || !event.customerId || !event.aggregateId) return false;
  const complaint = await deps.db.selectFrom('complaint').select(['id', 'customer_id', 'complaint_no', 'org_unit_id', 'policy_id']).where('customer_id', '=', event.customerId).where('id', '=', event.aggregateId).executeTakeFirst();
  if (!complaint) return false;
  return fireOnce(deps.db, 'complaint_closure_visit', complaint.customer_id, complaint.id, { text: `complaint ${complaint.complaint_no} was resolved`, params: { complaintNo: complaint.complaint_no } }, async (tx) => {
    const visitId = await scheduleVisitInTransaction(tx, null, { customerId: complaint.customer_id, visitType: 'complaint_closure', dueAt: new Date(now.getTime() + numberParam(rule.params, 'visitWithinDays', 3) * DAY_MS), policyId: complaint.policy_id, complaintId: complaint.id, orgUnitId: complaint.org_unit_id, assigneeId: null, source: 'rule:complaint_closure_visit' }, undefined, now);
    const surveyId = await sendSurveyInTransaction({ ...deps, db: tx }, { customerId: complaint.customer_id, templateCode: 'complaint_closure', complaintId: complaint.id, orgUnitId: complaint.org_unit_id, validDays: numberParam(rule.params, 'surveyValidDays', 14), source: 'rule:complaint_closure_visit' }, runtime.settings.publicUrl, now);
    return [{ kind: 'visit', id: visitId }, { kind: 'survey', id: surveyId }];
  }, now);
};

/**
 * Policy issued: the new-policy visit (承保回访) within the cooling-off period, by the unit's
 * customer service rather than the selling agent (an independent check of sales conduct).
 */
const policyIssued: EventHandler = async (deps, _runtime, event, now) => {
  const rule = await loadRule(deps.db, 'new_policy_visit');
  if (!rule.enabled || !event.aggregateId) return false;
  const policy = await deps.db.selectFrom('policy').select(['id', 'customer_id', 'policy_no', 'org_unit_id', 'cooling_off_ends_on']).where('id', '=', event.aggregateId).executeTakeFirst();
  const today = shanghaiDateOf(now);
  if (!policy || policy.cooling_off_ends_on < today) return false;
  const threeDays = addDays(today, 3);
  const dueOn = policy.cooling_off_ends_on < threeDays ? policy.cooling_off_ends_on : threeDays;
  return fireOnce(deps.db, 'new_policy_visit', policy.customer_id, policy.id, { text: `policy ${policy.policy_no} was issued; cooling-off ends on ${policy.cooling_off_ends_on}`, params: { policyNo: policy.policy_no, coolingOffEndsOn: policy.cooling_off_ends_on } }, async (tx) => [
    { kind: 'visit', id: await scheduleVisitInTransaction(tx, null, { customerId: policy.customer_id, visitType: 'new_policy', dueAt: shanghaiInstant(dueOn, '18:00'), policyId: policy.id, orgUnitId: policy.org_unit_id, assigneeId: null, source: 'rule:new_policy_visit' }, undefined, now) },
  ], now);
};

/** A low survey score: a service-recovery task; for a claims survey also an item on the claims unit's service-improvement list. */
const surveyAnswered: EventHandler = async (deps, _runtime, event, now) => {
  const rule = await loadRule(deps.db, 'low_score_recovery');
  if (!rule.enabled || !event.customerId || !event.aggregateId) return false;
  const csat = typeof event.payload.csat === 'number' ? event.payload.csat : null;
  const nps = typeof event.payload.nps === 'number' ? event.payload.nps : null;
  const lowCsat = csat !== null && csat <= numberParam(rule.params, 'csatAtMost', 2);
  const lowNps = nps !== null && nps <= numberParam(rule.params, 'npsAtMost', 6);
  if (!lowCsat && !lowNps) return false;
  const survey = await deps.db.selectFrom('survey').select(['id', 'customer_id', 'context', 'org_unit_id', 'claim_id']).where('customer_id', '=', event.customerId).where('id', '=', event.aggregateId).executeTakeFirst();
  if (!survey) return false;
  const scores = [csat !== null ? `CSAT ${csat}/5` : null, nps !== null ? `NPS ${nps}/10` : null].filter(Boolean).join(', ');
  const reason = `low score on the ${survey.context.replace('_', ' ')} survey (${scores})`;
  const reasonParams = { context: survey.context, ...(csat !== null ? { csat } : {}), ...(nps !== null ? { nps } : {}) };
  return fireOnce(deps.db, 'low_score_recovery', survey.customer_id, survey.id, { text: reason, params: reasonParams }, async (tx) => {
    const actions: RuleAction[] = [
      { kind: 'task', id: await createTaskInTransaction(tx, null, { customerId: survey.customer_id, kind: 'service_recovery', text: { key: 'service_recovery', params: reasonParams }, title: 'Service recovery: call the customer back', detail: reason, priority: 'high', dueAt: new Date(now.getTime() + DAY_MS), sourceType: 'survey', sourceId: survey.id, reason }, now) },
    ];
    if (survey.context === 'claim_closure') {
      const claim = survey.claim_id ? await tx.selectFrom('claim').select(['claim_no']).where('customer_id', '=', survey.customer_id).where('id', '=', survey.claim_id).executeTakeFirst() : undefined;
      actions.push({ kind: 'service_improvement', id: await openServiceImprovementInTransaction(tx, { ownerUnitId: survey.org_unit_id, title: `Claims service: ${scores}${claim ? ` on ${claim.claim_no}` : ''}`, rootCause: 'A customer rated the claims service low; find the cause and fix it.', text: { key: claim ? 'low_claims_score' : 'low_claims_score_no_claim', params: { ...reasonParams, ...(claim ? { claimNo: claim.claim_no } : {}) } }, dueOn: addDays(shanghaiDateOf(now), 30), surveyId: survey.id }, now) });
    }
    return actions;
  }, now);
};

/**
 * Customer messages other modules queued as outbox events (`message.<template>`): they become
 * messages with delivery status. Secrets (one-time codes) arrive encrypted and stay encrypted.
 */
const messageEvent: EventHandler = async (deps, _runtime, event, now) => {
  const template = event.topic.slice('message.'.length);
  if (!event.customerId || !isMessageTemplate(template)) return false;
  const p = event.payload;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(p)) {
    if (key === 'channel' || key === 'to') continue;
    if (key === 'codeEnc' && typeof value === 'string') params.code = deps.cipher.decrypt(value);
    else if (value !== null && value !== undefined) params[key] = String(value);
  }
  const channel = p.channel === 'email' ? 'email' : 'sms';
  await queueMessage(deps, { customerId: event.customerId, channel, template, params, source: `outbox:${event.topic}` }, now);
  return true;
};

/**
 * A new policy held for underwriting because a party is blacklisted (S6): a high-priority task in
 * the customer's unit, unassigned, for a manager who may decide blacklist cases to issue or cancel it.
 */
const underwritingReferral: EventHandler = async (deps, _runtime, event, now) => {
  if (!event.customerId || !event.aggregateId) return false;
  const policyNo = String(event.payload.policyNo ?? '');
  await createTaskInTransaction(deps.db, null, {
    customerId: event.customerId,
    kind: 'underwriting_referral',
    text: { key: 'underwriting_referral', params: { policyNo } },
    title: `Underwriting referral: policy ${policyNo}`,
    detail: 'A party on this new policy is on the blacklist: the policy is held as pending. Review the blacklist entry and the application, then issue or cancel the policy.',
    priority: 'high',
    dueAt: new Date(now.getTime() + 2 * DAY_MS),
    assigneeId: null,
    sourceType: 'rule',
    sourceId: 'underwriting_referral',
    reason: `blacklisted party on policy ${policyNo}`,
  }, now);
  return true;
};

const HANDLERS: Record<string, EventHandler> = {
  'policy.underwriting_referral': underwritingReferral,
  'claim.assessed': claimAssessed,
  'claim.closed': claimClosed,
  'complaint.closed': complaintClosed,
  'policy.issued': policyIssued,
  'survey.answered': surveyAnswered,
};

/** Handles one outbox event inside the dispatcher's transaction; returns whether a rule fired or a message was queued. */
export function handleOutboxEvent(deps: ModuleDeps & { db: Tx }, runtime: AutomationRuntime, event: OutboxEvent, now: Date): Promise<boolean> {
  if (event.topic.startsWith('message.')) return messageEvent(deps, runtime, event, now);
  const handler = HANDLERS[event.topic];
  return handler ? handler(deps, runtime, event, now) : Promise.resolve(false);
}

/**
 * Events handled per transaction. Small, because on the embedded database a transaction holds the
 * only connection: short ones let HTTP requests in between.
 */
export const OUTBOX_BATCH = 25;
/** A failing event is tried this many times, then set aside (published, with its last error) so it cannot stall the queue. */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** Events that change a customer's metrics (policies, claims paid or closed, complaints, survey answers). */
const METRIC_TOPICS = new Set(['policy.issued', 'claim.closed', 'claim.payment_instructed', 'complaint.closed', 'survey.answered']);

/**
 * Publishes pending outbox events: claims a batch (FOR UPDATE SKIP LOCKED — several workers share
 * it), handles each in a savepoint so one failing event is retried later without holding back the
 * others, and marks the handled ones published. Returns how many were published.
 */
export async function dispatchOutbox(deps: ModuleDeps, runtime: AutomationRuntime, now = new Date(), onError?: (eventId: string, error: unknown) => void): Promise<number> {
  return inTransaction(deps.db, async (tx) => {
    const rows = await tx.selectFrom('outbox').selectAll().where('published_at', 'is', null).orderBy('id').limit(OUTBOX_BATCH).forUpdate().skipLocked().execute();
    let published = 0;
    const touched = new Set<string>();
    for (const row of rows) {
      const event: OutboxEvent = { id: String(row.id), topic: row.topic, customerId: row.customer_id, aggregateId: row.aggregate_id, payload: row.payload as Record<string, unknown> };
      await sql`SAVEPOINT outbox_event`.execute(tx);
      try {
        await handleOutboxEvent({ ...deps, db: tx }, runtime, event, now);
        await sql`RELEASE SAVEPOINT outbox_event`.execute(tx);
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT outbox_event`.execute(tx);
        onError?.(event.id, error);
        const attempts = row.attempts + 1;
        await tx
          .updateTable('outbox')
          .set({ attempts, last_error: error instanceof Error ? error.name : 'error', published_at: attempts >= OUTBOX_MAX_ATTEMPTS ? now : null })
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      await tx.updateTable('outbox').set({ published_at: now }).where('id', '=', row.id).execute();
      published++;
      if (row.customer_id && METRIC_TOPICS.has(row.topic)) touched.add(row.customer_id);
    }
    // Keep the customers' metrics, tags and tiers fresh between segmentation batches (one set-based
    // refresh per batch); a failure leaves them for the nightly batch rather than holding events back.
    if (touched.size > 0) {
      await sql`SAVEPOINT outbox_metrics`.execute(tx);
      try {
        await refreshCustomers(tx, [...touched], now);
        await sql`RELEASE SAVEPOINT outbox_metrics`.execute(tx);
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT outbox_metrics`.execute(tx);
        onError?.('metrics', error);
      }
    }
    return published;
  });
}
