// The policy status state machine: pure, unit-tested in policy-status.test.ts.
import type { TPolicyStatus } from '@anxin/contracts';
import { rule, type FieldProblem } from '../../platform/errors.ts';

/**
 * Allowed status changes. pending → in_force on issuance, or cancelled (withdrawn). in_force →
 * lapsed (premium unpaid after the grace period), surrendered (退保), expired (end of term or
 * renewed), cancelled (only within the cooling-off period, 犹豫期退保). lapsed → in_force
 * (reinstatement, 复效), surrendered or expired. surrendered, expired and cancelled are final.
 */
export const POLICY_TRANSITIONS: Readonly<Record<TPolicyStatus, readonly TPolicyStatus[]>> = {
  pending: ['in_force', 'cancelled'],
  in_force: ['lapsed', 'surrendered', 'expired', 'cancelled'],
  lapsed: ['in_force', 'surrendered', 'expired'],
  surrendered: [],
  expired: [],
  cancelled: [],
};

/** Statuses after which nothing changes on a policy (no endorsements, no data changes). */
export const isFinalStatus = (status: TPolicyStatus) => POLICY_TRANSITIONS[status].length === 0;

/** What a status change needs to know besides the two statuses. */
export interface TransitionContext {
  /** The date the change takes effect. */
  on: string;
  coolingOffEndsOn: string;
  /** The last day of cover. */
  expiresOn: string;
}

/**
 * Why the change from `from` to `to` is not allowed, or null when it is. Cancelling an in-force
 * policy is a cooling-off cancellation (full refund), so it is allowed only up to the last
 * cooling-off day; later the policyholder surrenders instead. An in-force policy expires at the end
 * of its term, not before: ending it sooner is a surrender (or a cooling-off cancellation).
 */
export function transitionRefusal(from: TPolicyStatus, to: TPolicyStatus, context: TransitionContext): FieldProblem | null {
  if (from === to) return rule('status_unchanged', `the policy is already ${from}`, { policyStatus: from });
  if (!POLICY_TRANSITIONS[from].includes(to)) {
    return isFinalStatus(from)
      ? rule('status_final', `a ${from} policy cannot change status`, { policyStatus: from })
      : rule('status_not_allowed', `a ${from} policy cannot become ${to} (allowed: ${POLICY_TRANSITIONS[from].join(', ')})`, { fromPolicyStatus: from, toPolicyStatus: to });
  }
  if (from === 'in_force' && to === 'cancelled' && context.on > context.coolingOffEndsOn) {
    return rule('cooling_off_ended', `the cooling-off period ended on ${context.coolingOffEndsOn}; record a surrender instead`, { date: context.coolingOffEndsOn });
  }
  if (from === 'in_force' && to === 'expired' && context.on < context.expiresOn) {
    return rule('runs_until_expiry', `the policy runs until ${context.expiresOn} and expires then; to end it sooner, record a surrender (or, within the cooling-off period, cancel it)`, { date: context.expiresOn });
  }
  return null;
}
