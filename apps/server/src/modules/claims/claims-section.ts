import type { TCustomer360ClaimsSection } from '@anxin/contracts';
import type { Customer360Section } from '../customers/index.ts';
import { claimScopeOf, mayReadClaims } from './claim.policy.ts';
import { presentClaimSummary } from './claim.presenter.ts';
import { claimsOfCustomerStatement, clocksOf, type ClaimOfCustomerRow } from './claim.repository.ts';
import { isOpen } from './claim-status.ts';

/** The claims section of the customer 360° view: the customer's claims in the actor's scope, with figures. */
export const claimsSection: Customer360Section = {
  key: 'claims',
  read(deps, actor, customerId) {
    if (!mayReadClaims(actor)) return { statement: null, present: () => ({ data: undefined }) };
    return { statement: claimsOfCustomerStatement(deps.db, claimScopeOf(actor), customerId, 101), present: presentClaimsSection };
  },
};

function presentClaimsSection(rows: readonly ClaimOfCustomerRow[]) {
  const now = new Date();
  const yearAgo = now.getTime() - 365 * 86_400_000;
  const data: TCustomer360ClaimsSection = {
    items: rows.slice(0, 100).map((r) => presentClaimSummary(r, clocksOf(r), now)),
    openCount: rows.filter((r) => isOpen(r.status)).length,
    paidFen: rows.reduce((s, r) => s + r.amount_paid_fen, 0),
    last12MonthsCount: rows.filter((r) => r.reported_at.getTime() >= yearAgo && r.status !== 'withdrawn').length,
  };
  return { data, figures: { claimsPaidFen: data.paidFen } };
}
