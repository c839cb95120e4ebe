import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * SQL for a policy's annualised premium (fen): the instalment times instalments per year; a
 * single-premium policy counts once, in its first year only.
 */
export const ANNUAL_PREMIUM_SQL = sql<number>`(CASE p.payment_frequency WHEN 'monthly' THEN 12 WHEN 'quarterly' THEN 4 WHEN 'semi_annual' THEN 2 ELSE 1 END) * p.premium_fen`;

/**
 * Tenure (whole years since the first policy took effect) and annual premium in force (fen) of a
 * customer — the figures the visit-method rule and tier entitlements look at.
 */
export async function customerValueFigures(db: Executor, customerId: string, today: string) {
  const row = await db
    .selectFrom('policy as p')
    .select([
      sql<string | null>`min(p.effective_on)::text`.as('first_on'),
      sql<string>`coalesce(sum(${ANNUAL_PREMIUM_SQL}) FILTER (WHERE p.status = 'in_force'), 0)::text`.as('annual_fen'),
    ])
    .where('p.customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  // A first policy that starts later counts as no tenure yet, not a negative one.
  return { tenureYears: row.first_on ? Math.max(0, wholeYearsBetween(row.first_on, today)) : 0, annualPremiumFen: Number(row.annual_fen) };
}

/** Whole years from one ISO date to another (a birthday-style count). */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}
