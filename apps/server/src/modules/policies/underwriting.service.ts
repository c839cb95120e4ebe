// Underwriting (核保, docs/policies.md "Underwriting"): the queue of applications — policies entered
// as pending — and the decision on each: standard, preferential or conditional terms issue the
// policy; declined cancels it. Every decision is kept with its reasons and the premium it set.
import type { TUnderwritingDecisionRequest, TUnderwritingQueueQuery } from '@anxin/contracts';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldProblem, forbidden, rule, versionConflict, type FieldProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { syncLifecycleStages } from '../customers/index.ts';
import { decodePolicyCursor, encodePolicyCursor } from './policy-cursor.ts';
import { daysBetween, todayInChina } from './policy-dates.ts';
import { findPolicyById, insertUnderwritingDecision, listPolicies as listPolicyRows, listUnderwritingDecisions, updatePolicy as updatePolicyRow, type PolicyRow } from './policy.repository.ts';
import { mayReadPolicies, mayUnderwrite, policyScopeOf } from './policy.policy.ts';
import { BLACKLIST_REFERRAL_REASON, coolingOffEndsOnIssue, loadPolicyDetail, requireVisiblePolicy } from './policy.service.ts';

/** Applications in the actor's scope, the longest waiting first (keyset on the application time). */
export async function listUnderwritingQueue(deps: ModuleDeps, actor: Actor, query: TUnderwritingQueueQuery, now = new Date()) {
  if (!mayUnderwrite(actor)) throw forbidden('You may not underwrite');
  const { cursor, limit, line, blacklistReferral } = query;
  const after = cursor ? decodePolicyCursor(cursor, 'createdAt') : undefined;
  const reason = blacklistReferral === 'true' ? { is: BLACKLIST_REFERRAL_REASON } : blacklistReferral === 'false' ? { isNot: BLACKLIST_REFERRAL_REASON } : undefined;
  const rows = await listPolicyRows(deps.db, policyScopeOf(actor), { status: 'pending', line, statusReason: reason }, 'createdAt', after, limit);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const today = shanghaiDateOf(now);
  return {
    items: items.map((row) => ({ row, waitingDays: Math.max(0, daysBetween(shanghaiDateOf(row.created_at), today)), blacklistReferral: row.status_reason === BLACKLIST_REFERRAL_REASON })),
    nextCursor: rows.length > limit && last ? encodePolicyCursor({ value: last.created_at.toISOString(), id: last.id }) : null,
  };
}

/**
 * The decisions on a policy, oldest first, their exclusions and reasons decrypted (they may name an
 * illness): a read of them is audited (`policy.underwriting_viewed`).
 */
export async function listPolicyUnderwritingDecisions(deps: ModuleDeps, actor: Actor, policyId: string) {
  if (!mayReadPolicies(actor)) throw forbidden('You may not view policies');
  const policy = await requireVisiblePolicy(deps, actor, policyId);
  const rows = await listUnderwritingDecisions(deps.db, policy.id);
  if (rows.length > 0) await recordStandaloneAuditEvent(deps.db, actor, { action: 'policy.underwriting_viewed', entityType: 'policy', entityId: policy.id, customerId: policy.customer_id });
  return rows.map(({ exclusions_enc, reason_enc, ...row }) => ({ ...row, exclusions: exclusions_enc ? deps.cipher.decrypt(exclusions_enc) : null, reason: reason_enc ? deps.cipher.decrypt(reason_enc) : null }));
}

/**
 * Decides an application. Standard, preferential (with a discount) and conditional (with a loading,
 * exclusions or both) issue the policy at the premium the decision sets; declined cancels it.
 * Compulsory motor insurance is accepted at standard terms only (it may not be refused). A policy
 * held because a party is on the blacklist is issued only by a blacklist approver.
 */
export async function decideApplication(deps: ModuleDeps, actor: Actor, policyId: string, input: TUnderwritingDecisionRequest) {
  if (!mayUnderwrite(actor)) throw forbidden('You may not underwrite');
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const policy = await requireVisiblePolicy(txDeps, actor, policyId);
    if (policy.status !== 'pending') {
      throw new DomainError('POLICY_INVALID_STATUS_CHANGE', `Policy ${policy.policy_no} is ${policy.status}, not an application`, [
        fieldProblem('body.decision', rule('not_pending', 'only a pending policy (an application) can be decided', { status: policy.status })),
      ]);
    }
    const problems = decisionProblems(policy, input);
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', problems[0]!.message, problems);
    const issues = input.decision !== 'declined';
    if (issues && policy.status_reason === BLACKLIST_REFERRAL_REASON && !hasPermission(actor, 'blacklist:approve')) {
      throw forbidden('This application was referred because a party is on the blacklist: only a blacklist approver may issue it');
    }
    const adjustment = input.premiumAdjustmentPct ?? 0;
    const premiumAfter = Math.round((policy.premium_fen * (100 + adjustment)) / 100);
    const reason = input.reason ?? null;
    const updated = await updatePolicyRow(tx, policy.id, input.version, {
      status: issues ? 'in_force' : 'cancelled',
      ...(issues ? { cooling_off_ends_on: await coolingOffEndsOnIssue(txDeps, policy) } : {}),
      // The decision only: its reasons may name an illness and stay encrypted with the decision.
      status_reason: `underwriting: ${input.decision}`,
      status_changed_on: issues ? null : todayInChina(),
      premium_fen: premiumAfter,
    });
    if (!updated) throw versionConflict('Policy');
    const id = newId();
    const now = new Date();
    await insertUnderwritingDecision(tx, {
      customer_id: policy.customer_id,
      id,
      policy_id: policy.id,
      decision: input.decision,
      premium_adjustment_pct: input.premiumAdjustmentPct ?? null,
      exclusions_enc: input.exclusions ? deps.cipher.encrypt(input.exclusions) : null,
      reason_enc: reason ? deps.cipher.encrypt(reason) : null,
      premium_before_fen: policy.premium_fen,
      premium_after_fen: premiumAfter,
      decided_by: actor.name,
      decided_by_name: actor.displayName,
      decided_at: now,
    });
    await recordAuditEvent(tx, actor, {
      action: 'policy.underwritten',
      entityType: 'policy',
      entityId: policy.id,
      customerId: policy.customer_id,
      data: { decisionId: id, decision: input.decision, premiumAdjustmentPct: input.premiumAdjustmentPct ?? null, premiumFen: { from: policy.premium_fen, to: premiumAfter }, status: { from: 'pending', to: issues ? 'in_force' : 'cancelled' } },
    });
    // Issued: the new-policy visit is due within the cooling-off period, as for a policy entered in force.
    if (issues) await insertOutbox(tx, 'policy.issued', policy.customer_id, policy.id, { policyId: policy.id, policyNo: policy.policy_no });
    await syncLifecycleStages(tx, [policy.id], now);
    return loadPolicyDetail(txDeps, (await findPolicyById(tx, policy.id))!);
  });
}

/** What the decision lacks or may not have, as field problems (all of them, so the form shows every one). */
function decisionProblems(policy: PolicyRow, input: TUnderwritingDecisionRequest) {
  const problems: ReturnType<typeof fieldProblem>[] = [];
  const add = (field: string, problem: FieldProblem) => problems.push(fieldProblem(`body.${field}`, problem));
  const adjustment = input.premiumAdjustmentPct;
  if (policy.product_line === 'motor_compulsory' && input.decision !== 'standard') {
    add('decision', rule('compulsory_motor_standard_only', 'compulsory motor insurance is accepted at standard terms only: never declined, loaded or discounted'));
    return problems;
  }
  switch (input.decision) {
    case 'standard':
    case 'declined':
      if (adjustment !== undefined && adjustment !== 0) add('premiumAdjustmentPct', rule('adjustment_not_allowed', `a ${input.decision} decision changes no premium`, { decision: input.decision }));
      if (input.exclusions) add('exclusions', rule('exclusions_not_allowed', 'only a conditional decision has exclusions'));
      break;
    case 'preferential':
      if (adjustment === undefined || adjustment === 0) add('premiumAdjustmentPct', rule('discount_required', 'a preferential decision needs a discount (a negative premium adjustment)'));
      else if (adjustment > 0) add('premiumAdjustmentPct', rule('adjustment_not_allowed', 'a preferential decision discounts the premium: the adjustment is negative', { decision: input.decision }));
      if (input.exclusions) add('exclusions', rule('exclusions_not_allowed', 'only a conditional decision has exclusions'));
      break;
    case 'conditional':
      if (adjustment !== undefined && adjustment < 0) add('premiumAdjustmentPct', rule('adjustment_not_allowed', 'a conditional decision loads the premium: the adjustment is positive', { decision: input.decision }));
      else if (!input.exclusions && (adjustment === undefined || adjustment === 0)) add('premiumAdjustmentPct', rule('loading_or_exclusions_required', 'a conditional decision needs a loading or exclusions'));
      break;
  }
  if (input.decision !== 'standard' && !input.reason) add('reason', rule('required', 'give the reason for the decision'));
  return problems;
}

/** A decision as read, its exclusions and reason decrypted. */
export type UnderwritingDecisionRow = Awaited<ReturnType<typeof listPolicyUnderwritingDecisions>>[number];
