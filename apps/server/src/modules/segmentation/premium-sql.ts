import { sql, type RawBuilder } from 'kysely';
import { ANNUAL_PREMIUM_SQL } from '../service/index.ts';

/**
 * Earned premium, one definition for metrics, tags and risk alerts (alias `p` for policy):
 * cover ends at expiry, or on the day the policy lapsed or was surrendered, never after `today`;
 * a regular-premium policy earns its annualised premium × days of cover in the window ÷ 365, a
 * single premium is spread over the term. Pending and cancelled policies (cooling-off refunds)
 * earn nothing: callers leave them out.
 */
export function earnedPremiumSql(windowStart: RawBuilder<unknown>, today: string): RawBuilder<number> {
  const coverEnd = sql`LEAST(p.expires_on, CASE WHEN p.status IN ('lapsed', 'surrendered') THEN COALESCE(p.status_changed_on, p.expires_on) ELSE p.expires_on END, ${today}::date)`;
  const days = sql`GREATEST(${coverEnd} - GREATEST(p.effective_on, ${windowStart}), 0)`;
  return sql<number>`(CASE WHEN p.payment_frequency = 'single'
    THEN p.premium_fen * ${days} / GREATEST(p.expires_on - p.effective_on, 1)
    ELSE ${ANNUAL_PREMIUM_SQL} * ${days} / 365 END)`;
}

/** Policies that earn premium (the rest are pending or were cancelled in the cooling-off period). */
export const EARNING_POLICY = sql<boolean>`p.status NOT IN ('pending', 'cancelled')`;
