import type { TEntitlements, TTier, TTierRule, TUpdateTierRulesRequest } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, rule, versionConflict } from '../../platform/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { mayManageSegmentation, mayReadSegmentation } from './segmentation.policy.ts';

const STANDARD: TEntitlements = { dedicatedAdvisor: false, greenChannel: false, onSiteVisits: false, priorityService: false, serviceHours: 48 };

/**
 * What a customer is entitled to (S5): the entitlements of the customer's tier. Other modules read
 * entitlements through this function, never the tier name, so that tier rules alone decide service.
 */
export async function entitlementsOf(db: Executor, customerId: string): Promise<{ tier: TTier; entitlements: TEntitlements }> {
  const row = await db
    .selectFrom('customer as c')
    .leftJoin('tier_rule as t', 't.tier', 'c.tier')
    .select(['c.tier', 't.entitlements'])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  return { tier: row?.tier ?? 'standard', entitlements: { ...STANDARD, ...(row?.entitlements ?? {}) } };
}

/** The tier rules in rank order with how many customers each tier holds. */
export async function listTierRules(deps: ModuleDeps, actor: Actor): Promise<{ items: TTierRule[] }> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view tier rules');
  const rows = await deps.db
    .selectFrom('tier_rule as t')
    .select(['t.tier', 't.rank', 't.min_annual_premium_fen', 't.min_tenure_years', 't.entitlements', 't.version'])
    .select((eb) => eb.selectFrom('customer as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.tier', '=', 't.tier').as('customers'))
    .orderBy('t.rank')
    .execute();
  return {
    items: rows.map((r) => ({
      tier: r.tier,
      rank: r.rank,
      minAnnualPremiumFen: r.min_annual_premium_fen,
      minTenureYears: r.min_tenure_years,
      entitlements: { ...STANDARD, ...r.entitlements },
      customers: r.customers ?? 0,
      version: r.version,
    })),
  };
}

const RANK: Record<TTier, number> = { platinum: 1, gold: 2, silver: 3, standard: 4 };

/**
 * Changes all four tiers at once (thresholds must not increase down the ranks, standard takes
 * everyone). The new rules apply at the next segmentation run.
 */
export async function updateTierRules(deps: ModuleDeps, actor: Actor, input: TUpdateTierRulesRequest) {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not change tier rules');
  const items = [...input.items].sort((a, b) => RANK[a.tier] - RANK[b.tier]);
  if (new Set(items.map((i) => i.tier)).size !== 4) throw fieldError('body.items', rule('tiers_each_once', 'must hold each tier once'));
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (next && (next.minAnnualPremiumFen > item.minAnnualPremiumFen || next.minTenureYears > item.minTenureYears)) {
      throw fieldError(`body.items.${input.items.indexOf(next)}`, rule('tiers_order', `the ${next.tier} thresholds must not be above the ${item.tier} thresholds`));
    }
  });
  const standard = items[3]!;
  if (standard.minAnnualPremiumFen !== 0 || standard.minTenureYears !== 0) throw fieldError(`body.items.${input.items.indexOf(standard)}`, rule('standard_tier_zero', 'the standard tier takes every customer: thresholds must be 0'));
  await inTransaction(deps.db, async (tx) => {
    const current = await tx.selectFrom('tier_rule').selectAll().forUpdate().execute();
    for (const item of items) {
      const row = current.find((r) => r.tier === item.tier)!;
      if (row.version !== item.version) throw versionConflict(`Tier rule ${item.tier}`);
      await tx
        .updateTable('tier_rule')
        .set({ min_annual_premium_fen: item.minAnnualPremiumFen, min_tenure_years: item.minTenureYears, entitlements: JSON.stringify(item.entitlements), updated_at: new Date(), version: row.version + 1 })
        .where('tier', '=', item.tier)
        .execute();
    }
    await recordAuditEvent(tx, actor, { action: 'segmentation_rule.changed', entityType: 'tier_rule', entityId: null, data: { tiers: items.map((i) => ({ tier: i.tier, minAnnualPremiumFen: i.minAnnualPremiumFen, minTenureYears: i.minTenureYears, entitlements: i.entitlements })) } });
  });
  return listTierRules(deps, actor);
}

/**
 * Set-based: every customer with metrics gets the first tier, in rank order, whose thresholds
 * their annual premium in force and tenure meet. Returns how many customers changed tier.
 */
export async function applyTiers(db: Executor, customerIds?: readonly string[]): Promise<number> {
  if (customerIds?.length === 0) return 0;
  const result = await sql`
    UPDATE customer c SET tier = x.tier, updated_at = now(), version = c.version + 1
    FROM (
      SELECT m.customer_id,
             (SELECT t.tier FROM tier_rule t
               WHERE m.annual_premium_fen >= t.min_annual_premium_fen AND m.tenure_years >= t.min_tenure_years
               ORDER BY t.rank LIMIT 1) AS tier
      FROM customer_metric m
      ${customerIds ? sql`WHERE m.customer_id IN (${sql.join(customerIds)})` : sql``}
    ) x
    WHERE x.customer_id = c.id AND x.tier IS NOT NULL AND c.tier <> x.tier`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
