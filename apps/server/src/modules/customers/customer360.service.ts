import type { TCustomerValue } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { recordCustomerViewed } from './customer-access.ts';
import type { Customer360Figures, Customer360Section } from './customer360-section.ts';
import { findCustomer360 } from './customer360.repository.ts';
import { customerScopeOf, mayReadCustomers } from './customer.policy.ts';
import { interactionPageOf } from './interaction.service.ts';
import { householdOf } from './relationship.service.ts';

/** Interactions shown in the 360 view; the timeline route pages further. */
const RECENT_INTERACTIONS = 10;

/** Adds up the figures the sections contribute; the earliest first-policy date wins. */
export function mergeFigures(all: readonly Customer360Figures[]): Customer360Figures {
  const merged: Customer360Figures = {};
  for (const f of all) {
    for (const key of ['policiesInForce', 'annualPremiumFen', 'lifetimePremiumFen', 'earnedPremiumFen', 'claimsPaidFen'] as const) {
      if (f[key] !== undefined) merged[key] = (merged[key] ?? 0) + f[key]!;
    }
    if (f.firstPolicyOn && (!merged.firstPolicyOn || f.firstPolicyOn < merged.firstPolicyOn)) merged.firstPolicyOn = f.firstPolicyOn;
  }
  return merged;
}

/** Tenure and value figures: tenure from the first policy (else the day of creation, in Shanghai); loss ratio = claims paid ÷ earned premium. `today` is a Shanghai date. */
export function valueFigures(figures: Customer360Figures, createdAt: Date, today: string): TCustomerValue {
  const since = figures.firstPolicyOn ?? shanghaiDateOf(createdAt);
  let months = (Number(today.slice(0, 4)) - Number(since.slice(0, 4))) * 12 + (Number(today.slice(5, 7)) - Number(since.slice(5, 7)));
  if (today.slice(8, 10) < since.slice(8, 10)) months -= 1;
  months = Math.max(0, months);
  const claimsPaid = figures.claimsPaidFen ?? null;
  const earned = figures.earnedPremiumFen ?? null;
  return {
    tenureSince: since,
    tenureYears: Math.floor(months / 12),
    tenureMonths: months % 12,
    policiesInForce: figures.policiesInForce ?? null,
    annualPremiumFen: figures.annualPremiumFen ?? null,
    lifetimePremiumFen: figures.lifetimePremiumFen ?? null,
    claimsPaidFen: claimsPaid,
    lossRatio: claimsPaid !== null && earned ? Math.round((claimsPaid / earned) * 10_000) / 10_000 : null,
  };
}

/**
 * Everything about one customer on one screen: profile, contacts, household, consents, recent
 * interactions, tags, custom attributes, value figures and the sections other modules contribute.
 * Opening it is a read of personal data and is audited (`customer.viewed`).
 */
export async function getCustomer360(deps: ModuleDeps, actor: Actor, customerId: string, sections: readonly Customer360Section[]) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  // One statement: the customer with the customers module's lists (which is also the scope check),
  // and each section's statement (scoped by its own module) riding on it, read only if the customer
  // is in scope. A customer out of scope is NOT_FOUND.
  const reads = sections.map((s) => s.read(deps, actor, customerId));
  const view = await findCustomer360(
    deps.db,
    customerId,
    customerScopeOf(actor),
    RECENT_INTERACTIONS + 1,
    reads.map((r) => r.statement),
  );
  if (!view) throw notFound('Customer');
  const loaded = sections.map((s, i) => ({ key: s.key, ...reads[i]!.present(view.riders[i] ?? []) }));
  const { customer, contacts, consents, tags, relationships, definitions } = view;
  const household = householdOf(relationships, view.family);
  const interactions = interactionPageOf(view.interactions, RECENT_INTERACTIONS);
  const figures = mergeFigures(loaded.flatMap((l) => (l.figures ? [l.figures] : [])));
  await recordCustomerViewed(deps.db, actor, customerId, '360', { sections: loaded.map((l) => l.key) });
  const values = customer.attributes ?? {};
  return {
    customer,
    contacts,
    household,
    relationships,
    consents,
    interactions,
    tags,
    attributes: definitions.map((definition) => ({ definition, value: values[definition.key] ?? null })),
    value: valueFigures(figures, customer.created_at, shanghaiDateOf(new Date())),
    sections: Object.fromEntries(loaded.map((l) => [l.key, l.data])),
  };
}
