// Value figures of a customer's policies (docs/policies.md, "Figures"): pure, unit-tested with exact numbers.
import { PRODUCT_LINES, type TPaymentFrequency, type TPolicyPartyRole, type TPolicyStatus, type TProductLine } from '@anxin/contracts';
import { addMonths, daysBetween, minDate } from './policy-dates.ts';

/** Months between two instalments; 0 for a single premium. */
export const INSTALMENT_MONTHS: Record<TPaymentFrequency, number> = { single: 0, annual: 12, semi_annual: 6, quarterly: 3, monthly: 1 };

/** What the figures need to know about one policy and this customer's roles on it. */
export interface FigurePolicy {
  status: TPolicyStatus;
  line: TProductLine;
  premiumFen: number;
  sumInsuredFen: number;
  paymentFrequency: TPaymentFrequency;
  effectiveOn: string;
  expiresOn: string;
  /** When the current status took effect (lapse, surrender, expiry, cancellation). */
  statusChangedOn: string | null;
  roles: readonly TPolicyPartyRole[];
}

/** Whole years of cover (at least one), used to spread a single premium: ceil(days ÷ 366). */
export const termYears = (p: Pick<FigurePolicy, 'effectiveOn' | 'expiresOn'>) => Math.max(1, Math.ceil(daysBetween(p.effectiveOn, p.expiresOn) / 366));

/**
 * Annualised premium: the instalment × instalments per year; a single premium spread over the
 * term's whole years (a one-year motor policy counts in full, a ten-year single-premium annuity
 * one tenth).
 */
export function annualisedPremiumFen(p: Pick<FigurePolicy, 'premiumFen' | 'paymentFrequency' | 'effectiveOn' | 'expiresOn'>): number {
  const months = INSTALMENT_MONTHS[p.paymentFrequency];
  return months === 0 ? Math.round(p.premiumFen / termYears(p)) : p.premiumFen * (12 / months);
}

/**
 * The date up to which premium fell due and cover ran: today for in-force policies; the status
 * date for lapsed, surrendered and expired ones (the expiry date if none was recorded); never past
 * the expiry date. Null for pending and cancelled policies (nothing paid, or refunded in full).
 */
export function coverEndsOn(p: FigurePolicy, today: string): string | null {
  switch (p.status) {
    case 'pending':
    case 'cancelled':
      return null;
    case 'in_force':
      return minDate(today, p.expiresOn);
    case 'expired':
      return minDate(p.statusChangedOn ?? p.expiresOn, p.expiresOn);
    case 'lapsed':
    case 'surrendered':
      return minDate(p.statusChangedOn ?? today, p.expiresOn);
  }
}

/**
 * Instalments falling due from the effective date before `end` (or on it, when `endInclusive`), and
 * before the expiry date. Instalment k falls due `k × months` after the effective date (clamped to
 * the month's last day), so the count is found from the months between the dates, checked against
 * the instalments on either side — not by walking a monthly policy's years instalment by instalment.
 */
function instalmentsDue(p: FigurePolicy, end: string, endInclusive: boolean): number {
  const months = INSTALMENT_MONTHS[p.paymentFrequency];
  if (months === 0) return 1;
  const counts = (k: number) => {
    const due = addMonths(p.effectiveOn, k * months);
    return due < p.expiresOn && (endInclusive ? due <= end : due < end);
  };
  const limit = minDate(end, p.expiresOn);
  const monthsToLimit = (Number(limit.slice(0, 4)) - Number(p.effectiveOn.slice(0, 4))) * 12 + Number(limit.slice(5, 7)) - Number(p.effectiveOn.slice(5, 7));
  // Instalments 0 … count-1 fall due in time and the rest do not: start near the answer, then settle.
  let count = Math.max(0, Math.floor(monthsToLimit / months) + 1);
  while (count > 0 && !counts(count - 1)) count--;
  while (counts(count)) count++;
  return count;
}

/**
 * Estimated premium paid: every instalment due from the effective date until the cover ended (for
 * an in-force policy, up to and including today). We hold no payment records yet, so this assumes
 * each instalment due was paid; premium terms shorter than the cover term are not modelled.
 */
export function premiumPaidFen(p: FigurePolicy, today: string): number {
  const end = coverEndsOn(p, today);
  if (end === null) return 0;
  return p.premiumFen * instalmentsDue(p, end, p.status === 'in_force');
}

/** Premium for the whole term: the single premium, or the instalment × instalments due in the term. */
export function termPremiumFen(p: FigurePolicy): number {
  return p.premiumFen * instalmentsDue(p, p.expiresOn, false);
}

/**
 * Earned premium: the term premium pro rata to the days of cover elapsed (effective date → cover
 * end), never more than the premium paid. The loss-ratio denominator.
 */
export function earnedPremiumFen(p: FigurePolicy, today: string): number {
  const end = coverEndsOn(p, today);
  if (end === null) return 0;
  const term = daysBetween(p.effectiveOn, p.expiresOn);
  const elapsed = Math.max(0, daysBetween(p.effectiveOn, end));
  return Math.min(premiumPaidFen(p, today), Math.round((termPremiumFen(p) * elapsed) / term));
}

export interface PolicyFigures {
  policiesInForce: number;
  annualPremiumFen: number;
  lifetimePremiumFen: number;
  earnedPremiumFen: number;
  firstPolicyOn: string | null;
}

/**
 * The customer's policy figures: money figures count policies where the customer is the
 * policyholder (who pays); the first-policy date counts any role (tenure), ignoring policies that
 * never took effect (pending, cancelled).
 */
export function computePolicyFigures(policies: readonly FigurePolicy[], today: string): PolicyFigures {
  const held = policies.filter((p) => p.roles.includes('applicant'));
  const inForce = held.filter((p) => p.status === 'in_force');
  const started = policies
    .filter((p) => p.status !== 'pending' && p.status !== 'cancelled')
    .map((p) => p.effectiveOn)
    .sort();
  return {
    policiesInForce: inForce.length,
    annualPremiumFen: inForce.reduce((sum, p) => sum + annualisedPremiumFen(p), 0),
    lifetimePremiumFen: held.reduce((sum, p) => sum + premiumPaidFen(p, today), 0),
    earnedPremiumFen: held.reduce((sum, p) => sum + earnedPremiumFen(p, today), 0),
    firstPolicyOn: started[0] ?? null,
  };
}

/** In-force cover where the customer is insured, by line (in PRODUCT_LINES order), and the lines with none. */
export function coverageByLine(policies: readonly FigurePolicy[]) {
  const byLine = new Map<TProductLine, { policiesInForce: number; sumInsuredFen: number }>();
  for (const p of policies) {
    if (p.status !== 'in_force' || !p.roles.includes('insured')) continue;
    const entry = byLine.get(p.line) ?? { policiesInForce: 0, sumInsuredFen: 0 };
    entry.policiesInForce += 1;
    entry.sumInsuredFen += p.sumInsuredFen;
    byLine.set(p.line, entry);
  }
  return {
    coverageByLine: PRODUCT_LINES.filter((l) => byLine.has(l)).map((line) => ({ line, ...byLine.get(line)! })),
    uncoveredLines: PRODUCT_LINES.filter((l) => !byLine.has(l)),
  };
}
