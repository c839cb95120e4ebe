import type { TCustomer360PoliciesSection } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import type { Customer360Section, CustomerSearchLookup } from '../customers/index.ts';
import { todayInChina } from './policy-dates.ts';
import { computePolicyFigures, coverageByLine, type FigurePolicy } from './policy-figures.ts';
import { mayReadPolicies, policyScopeOf } from './policy.policy.ts';
import { presentPolicySummary } from './policy.presenter.ts';
import { findPartyIdsByPolicyNumber, listPoliciesOfCustomer, policiesOfCustomerStatement, type PolicyOfCustomerRow } from './policy.repository.ts';

/**
 * The customer's policies for the 360° view (policies in the actor's scope where the customer is
 * policyholder, insured or beneficiary), cover by line with the uncovered lines, who protects whom
 * (policyholder and insured of each policy) and the value figures. `today` is for tests.
 */
export async function loadPoliciesSection(deps: ModuleDeps, actor: Actor, customerId: string, today = todayInChina()) {
  return presentPoliciesSection(mayReadPolicies(actor) ? await listPoliciesOfCustomer(deps.db, policyScopeOf(actor), customerId) : [], customerId, today);
}

function presentPoliciesSection(rows: readonly PolicyOfCustomerRow[], customerId: string, today: string) {
  const items = rows.map((row) => {
    const own = row.parties;
    const mine = own.filter((p) => p.customer_id === customerId);
    return {
      ...presentPolicySummary(row),
      roles: mine.map((p) => p.role),
      sharePct: mine.find((p) => p.role === 'beneficiary')?.share_pct ?? null,
      insured: own.filter((p) => p.role === 'insured').map((p) => ({ id: p.customer_id, name: p.name })),
    };
  });
  const figurePolicies: FigurePolicy[] = rows.map((row, i) => ({
    status: row.status,
    line: row.product_line,
    premiumFen: row.premium_fen,
    sumInsuredFen: row.sum_insured_fen,
    paymentFrequency: row.payment_frequency,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    statusChangedOn: row.status_changed_on,
    roles: items[i]!.roles,
  }));
  const figures = computePolicyFigures(figurePolicies, today);
  const data: TCustomer360PoliciesSection = { items, ...coverageByLine(figurePolicies), figures };
  return { data, figures };
}

/** The policies section of the customer 360° view (see loadPoliciesSection). */
export const policiesSection: Customer360Section = {
  key: 'policies',
  read(deps, actor, customerId) {
    return {
      statement: mayReadPolicies(actor) ? policiesOfCustomerStatement(deps.db, policyScopeOf(actor), customerId) : null,
      present(rows: readonly PolicyOfCustomerRow[]) {
        const { data, figures } = presentPoliciesSection(rows, customerId, todayInChina());
        return {
          data,
          figures: {
            policiesInForce: figures.policiesInForce,
            annualPremiumFen: figures.annualPremiumFen,
            lifetimePremiumFen: figures.lifetimePremiumFen,
            earnedPremiumFen: figures.earnedPremiumFen,
            ...(figures.firstPolicyOn ? { firstPolicyOn: figures.firstPolicyOn } : {}),
          },
        };
      },
    };
  },
};

/** Customer search by policy number: the policyholder and insured of the policy with that number. */
export const policyNumberLookup: CustomerSearchLookup = {
  kind: 'policy_no',
  findCustomerIds: (deps, value) => findPartyIdsByPolicyNumber(deps.db, value.trim().toUpperCase()),
};
