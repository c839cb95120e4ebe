import type { Actor } from '../../platform/actor.ts';
import type { BoundStatement } from '../../platform/db/compiled.ts';
import type { ModuleDeps } from '../../platform/deps.ts';

/** Value figures a section may contribute to the 360 view's value panel (money in fen). */
export interface Customer360Figures {
  policiesInForce?: number;
  annualPremiumFen?: number;
  lifetimePremiumFen?: number;
  earnedPremiumFen?: number;
  claimsPaidFen?: number;
  /** Effective date (YYYY-MM-DD) of the customer's first policy; tenure counts from it. */
  firstPolicyOn?: string;
}

/** A section as the 360 response carries it, with the figures it adds to the value panel. */
export interface Customer360SectionResult {
  data: unknown;
  figures?: Customer360Figures;
}

/**
 * How a section is read: its statement (null when the actor may not read what it holds) and how its
 * rows become the section. The statement runs as part of the customer's own (see runWithRiders), so
 * the whole view is one round trip to the database.
 */
export interface Customer360SectionRead<R = unknown> {
  statement: BoundStatement<R> | null;
  /** The section from the statement's rows (none when the statement was null). */
  present(rows: readonly R[]): Customer360SectionResult;
}

/**
 * A section of the customer 360° view contributed by another module (policies, claims, complaints).
 * The customers module knows only this interface; the composition root (app.ts) hands it the list
 * of sections, so adding a module adds a section without the customers module knowing that module.
 */
export interface Customer360Section {
  /** Key under `sections` in the 360 response, e.g. `policies`; its zod schema lives in contracts. */
  key: string;
  /** How to read the section for a customer; it is used only if the actor may see that customer. */
  read(deps: ModuleDeps, actor: Actor, customerId: string): Customer360SectionRead;
}

/**
 * A way to find customers by a business number another module owns (a policy number now; claim
 * numbers later). Customer search asks every lookup for an exact match of the search term; the
 * composition root hands the lookups to `customerRoutes`.
 */
export interface CustomerSearchLookup {
  kind: 'policy_no';
  /** Ids of the customers the value points at (e.g. the policyholder and insured of a policy); no scope check needed. */
  findCustomerIds(deps: ModuleDeps, value: string): Promise<string[]>;
}
