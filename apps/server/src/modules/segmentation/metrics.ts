import { sql, type RawBuilder } from 'kysely';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import type { Executor } from '../../platform/db/database.ts';
import { ANNUAL_PREMIUM_SQL } from '../service/index.ts';
import { EARNING_POLICY, earnedPremiumSql } from './premium-sql.ts';
import { readSegmentationSetting } from './settings.ts';

/**
 * Customer metrics, set-based: one INSERT … SELECT over every customer-owned table, grouped by
 * customer, upserted into customer_metric (no per-customer round trips; a million customers is one
 * statement per step). With `customerIds` the same statements refresh only those customers — what
 * the event refresh does after a policy, claim, complaint or survey changes.
 *
 * Definitions (docs/segmentation.md):
 * - policies are the customer's as policyholder; pending and cancelled policies do not count;
 * - claims counted are the customer's as the insured (claim.customer_id), withdrawn ones left out;
 *   claims paid are the payments made on the customer's policies (as policyholder), by payment date;
 * - earned premium of a policy = annualised premium × days of cover in the window ÷ 365 (a single
 *   premium spread over the term); cover ends at expiry, or when the policy lapsed or was surrendered;
 * - loss ratio (3 years) = payments in the last 3 years on the customer's policies ÷ premium those
 *   policies earned in the same 3 years, in basis points; null without earned premium;
 * - contacts are inbound interactions (consultations); the trend compares the last 90 days with
 *   the 90 before (rising: ≥ 25 % more, falling: ≥ 25 % fewer);
 * - household: the customer and their spouse, children and parents on record.
 */
export async function refreshMetrics(db: Executor, now: Date, customerIds?: readonly string[]): Promise<number> {
  if (customerIds?.length === 0) return 0;
  const today = shanghaiDateOf(now);
  const only = (column: string): RawBuilder<unknown> => (customerIds ? sql`AND ${sql.ref(column)} IN (${sql.join(customerIds)})` : sql``);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const threeYearsAgo = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const d90 = new Date(now.getTime() - 90 * 86_400_000);
  const d180 = new Date(now.getTime() - 180 * 86_400_000);
  const yearAgoDate = shanghaiDateOf(yearAgo);
  const threeYearsAgoDate = shanghaiDateOf(threeYearsAgo);

  const earnedFrom = (from: RawBuilder<unknown>) => earnedPremiumSql(from, today);

  const result = await sql`
    WITH pol AS (
      SELECT p.customer_id,
             min(p.effective_on) AS first_on,
             max(p.effective_on) AS last_on,
             count(*)::int AS total,
             (count(*) FILTER (WHERE p.status = 'in_force'))::int AS in_force,
             COALESCE(sum(${ANNUAL_PREMIUM_SQL}) FILTER (WHERE p.status = 'in_force'), 0)::bigint AS annual_fen,
             COALESCE(sum(${earnedFrom(sql`p.effective_on`)}), 0)::bigint AS lifetime_fen,
             COALESCE(sum(${earnedFrom(sql`${threeYearsAgoDate}::date`)}), 0)::bigint AS earned3_fen,
             (count(*) FILTER (WHERE p.renewal_of_id IS NOT NULL))::int AS renewals,
             (count(*) FILTER (WHERE p.status IN ('lapsed', 'surrendered')))::int AS lapses,
             (count(*) FILTER (WHERE p.status IN ('lapsed', 'surrendered') AND p.status_changed_on >= ${yearAgoDate}::date))::int AS lapses_12m
      FROM policy p
      WHERE ${EARNING_POLICY} ${only('p.customer_id')}
      GROUP BY p.customer_id
    ),
    lines AS (
      SELECT x.customer_id, jsonb_object_agg(x.line, x.n) AS by_line
      FROM (
        SELECT p.customer_id, pr.line, count(*)::int AS n
        FROM policy p JOIN product pr ON pr.id = p.product_id
        WHERE p.status = 'in_force' ${only('p.customer_id')}
        GROUP BY p.customer_id, pr.line
      ) x
      GROUP BY x.customer_id
    ),
    clm AS (
      SELECT k.customer_id,
             count(*)::int AS n,
             (count(*) FILTER (WHERE k.reported_at >= ${yearAgo}))::int AS n12,
             max(k.reported_at) AS last_at
      FROM claim k
      WHERE k.status <> 'withdrawn' ${only('k.customer_id')}
      GROUP BY k.customer_id
    ),
    paid AS (
      SELECT p.customer_id,
             sum(cp.amount_fen)::bigint AS paid,
             COALESCE(sum(cp.amount_fen) FILTER (WHERE cp.paid_at >= ${threeYearsAgo}), 0)::bigint AS paid3
      FROM claim_payment cp
      JOIN claim k ON k.id = cp.claim_id
      JOIN policy p ON p.id = k.policy_id
      WHERE cp.paid_at <= ${now} ${only('p.customer_id')}
      GROUP BY p.customer_id
    ),
    act AS (
      SELECT i.customer_id,
             max(i.occurred_at) AS last_at,
             (count(*) FILTER (WHERE i.direction = 'inbound' AND i.occurred_at >= ${yearAgo}))::int AS c12,
             (count(*) FILTER (WHERE i.direction = 'inbound' AND i.occurred_at >= ${d90}))::int AS c90,
             (count(*) FILTER (WHERE i.direction = 'inbound' AND i.occurred_at >= ${d180} AND i.occurred_at < ${d90}))::int AS cprev
      FROM interaction i
      WHERE i.occurred_at <= ${now} ${only('i.customer_id')}
      GROUP BY i.customer_id
    ),
    cmp AS (
      SELECT m.customer_id, count(*)::int AS n, (count(*) FILTER (WHERE m.received_at >= ${yearAgo}))::int AS n12
      FROM complaint m
      WHERE m.status <> 'withdrawn' ${only('m.customer_id')}
      GROUP BY m.customer_id
    ),
    srv AS (
      SELECT DISTINCT ON (s.customer_id) s.customer_id, s.csat, s.nps
      FROM survey s
      WHERE s.status = 'answered' ${only('s.customer_id')}
      ORDER BY s.customer_id, s.answered_at DESC
    ),
    ref AS (
      SELECT r.customer_id, count(*)::int AS n FROM referral r WHERE true ${only('r.customer_id')} GROUP BY r.customer_id
    ),
    fam AS (
      SELECT r.customer_id,
             (count(*) FILTER (WHERE r.type IN ('spouse', 'child', 'parent')))::int AS members,
             (count(*) FILTER (WHERE r.type = 'child'))::int AS children
      FROM relationship r WHERE true ${only('r.customer_id')}
      GROUP BY r.customer_id
    )
    INSERT INTO customer_metric (
      customer_id, computed_at, age, first_policy_on, tenure_years, policies_total, policies_in_force, in_force_by_line,
      annual_premium_fen, lifetime_premium_fen, earned_premium_3y_fen, claims_count, claims_12m, claims_paid_fen, claims_paid_3y_fen,
      loss_ratio_3y_bp, last_claim_at, last_purchase_on, last_contact_at, contacts_12m, contacts_90d, contacts_prev_90d, contact_trend,
      renewals, lapses, lapses_12m, complaints_count, complaints_12m, latest_csat, latest_nps, referral_count, household_size, children)
    SELECT c.id, ${now},
           CASE WHEN c.birth_date IS NOT NULL THEN date_part('year', age(${today}::date, c.birth_date))::int END,
           pol.first_on,
           COALESCE(date_part('year', age(${today}::date, pol.first_on))::int, 0),
           COALESCE(pol.total, 0), COALESCE(pol.in_force, 0), COALESCE(lines.by_line, '{}'::jsonb),
           COALESCE(pol.annual_fen, 0), COALESCE(pol.lifetime_fen, 0), COALESCE(pol.earned3_fen, 0),
           COALESCE(clm.n, 0), COALESCE(clm.n12, 0), COALESCE(paid.paid, 0), COALESCE(paid.paid3, 0),
           CASE WHEN COALESCE(pol.earned3_fen, 0) > 0 THEN round(COALESCE(paid.paid3, 0) * 10000.0 / pol.earned3_fen)::int END,
           clm.last_at, pol.last_on, act.last_at,
           COALESCE(act.c12, 0), COALESCE(act.c90, 0), COALESCE(act.cprev, 0),
           CASE WHEN COALESCE(act.c90, 0) = 0 AND COALESCE(act.cprev, 0) = 0 THEN 'none'
                WHEN act.c90 * 4 >= act.cprev * 5 AND act.c90 > act.cprev THEN 'rising'
                WHEN act.c90 * 4 <= act.cprev * 3 THEN 'falling'
                ELSE 'steady' END,
           COALESCE(pol.renewals, 0), COALESCE(pol.lapses, 0), COALESCE(pol.lapses_12m, 0),
           COALESCE(cmp.n, 0), COALESCE(cmp.n12, 0), srv.csat, srv.nps, COALESCE(ref.n, 0),
           1 + COALESCE(fam.members, 0), COALESCE(fam.children, 0)
    FROM customer c
    LEFT JOIN pol ON pol.customer_id = c.id
    LEFT JOIN lines ON lines.customer_id = c.id
    LEFT JOIN clm ON clm.customer_id = c.id
    LEFT JOIN paid ON paid.customer_id = c.id
    LEFT JOIN act ON act.customer_id = c.id
    LEFT JOIN cmp ON cmp.customer_id = c.id
    LEFT JOIN srv ON srv.customer_id = c.id
    LEFT JOIN ref ON ref.customer_id = c.id
    LEFT JOIN fam ON fam.customer_id = c.id
    WHERE true ${only('c.id')}
    ON CONFLICT (customer_id) DO UPDATE SET
      computed_at = EXCLUDED.computed_at, age = EXCLUDED.age, first_policy_on = EXCLUDED.first_policy_on,
      tenure_years = EXCLUDED.tenure_years, policies_total = EXCLUDED.policies_total, policies_in_force = EXCLUDED.policies_in_force,
      in_force_by_line = EXCLUDED.in_force_by_line, annual_premium_fen = EXCLUDED.annual_premium_fen,
      lifetime_premium_fen = EXCLUDED.lifetime_premium_fen, earned_premium_3y_fen = EXCLUDED.earned_premium_3y_fen,
      claims_count = EXCLUDED.claims_count, claims_12m = EXCLUDED.claims_12m, claims_paid_fen = EXCLUDED.claims_paid_fen,
      claims_paid_3y_fen = EXCLUDED.claims_paid_3y_fen, loss_ratio_3y_bp = EXCLUDED.loss_ratio_3y_bp,
      last_claim_at = EXCLUDED.last_claim_at, last_purchase_on = EXCLUDED.last_purchase_on, last_contact_at = EXCLUDED.last_contact_at,
      contacts_12m = EXCLUDED.contacts_12m, contacts_90d = EXCLUDED.contacts_90d, contacts_prev_90d = EXCLUDED.contacts_prev_90d,
      contact_trend = EXCLUDED.contact_trend, renewals = EXCLUDED.renewals, lapses = EXCLUDED.lapses, lapses_12m = EXCLUDED.lapses_12m,
      complaints_count = EXCLUDED.complaints_count, complaints_12m = EXCLUDED.complaints_12m,
      latest_csat = EXCLUDED.latest_csat, latest_nps = EXCLUDED.latest_nps, referral_count = EXCLUDED.referral_count,
      household_size = EXCLUDED.household_size, children = EXCLUDED.children`.execute(db);
  const count = Number(result.numAffectedRows ?? 0);
  await deriveSegments(db, customerIds);
  return count;
}

/**
 * Lifecycle segment (S1) and satisfaction × loyalty quadrant (S4) from a customer's own metrics;
 * set-based, for everyone or the given customers. Lifecycle, first match wins: churn risk (no cover
 * left, or a lapse in 12 months, falling contacts, an unhappy complainant, the churn-watch tag);
 * loyal (two policies or more, or 3 years' tenure with a renewal); potential (no cover, or one
 * policy with neither medical nor critical-illness cover); developing (one policy with that cover).
 */
async function deriveSegments(db: Executor, customerIds?: readonly string[]) {
  const q = await readSegmentationSetting(db, 'quadrants');
  const only = customerIds ? sql`AND m.customer_id IN (${sql.join(customerIds)})` : sql``;
  const satisfied = sql`(COALESCE(m.latest_csat >= ${q.satisfiedCsat}, false) OR COALESCE(m.latest_nps >= ${q.satisfiedNps}, false))`;
  const loyal = sql`(m.tenure_years >= ${q.loyalTenureYears} AND m.renewals >= ${q.loyalRenewals})`;
  await sql`
    UPDATE customer_metric m SET
      lifecycle_segment = CASE
        WHEN m.policies_total > 0 AND m.policies_in_force = 0 THEN 'churn_risk'
        WHEN m.policies_in_force > 0 AND (m.lapses_12m > 0 OR m.contact_trend = 'falling' OR (m.complaints_12m > 0 AND COALESCE(m.latest_csat, 5) <= 2)
             OR EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_id = m.customer_id AND t.tag = 'churn_watch')) THEN 'churn_risk'
        WHEN m.policies_in_force >= 2 OR (m.tenure_years >= 3 AND m.renewals >= 1) THEN 'loyal'
        -- Needs to awaken: no cover yet, or one policy without medical or critical-illness cover (a protection gap).
        WHEN m.policies_in_force = 0 OR (COALESCE((m.in_force_by_line ->> 'medical')::int, 0) = 0 AND COALESCE((m.in_force_by_line ->> 'critical_illness')::int, 0) = 0) THEN 'potential'
        ELSE 'developing' END,
      quadrant = CASE
        WHEN m.latest_csat IS NULL AND m.latest_nps IS NULL THEN NULL
        WHEN ${satisfied} AND ${loyal} THEN 'care_and_retain'
        WHEN ${satisfied} THEN 'may_switch'
        WHEN ${loyal} THEN 'repair_relationship'
        ELSE 'evaluate' END
    WHERE true ${only}`.execute(db);
}

/**
 * RFM adapted to insurance (S2), over every customer who has held a policy: recency of the last
 * purchase, renewal or contact; frequency of policies held and contacts in the last 12 months;
 * monetary = annual premium in force. Quintile scores (5 = best) are relative to the whole book, so
 * they are recomputed by the batch only (an event refresh keeps a customer's last scores).
 */
export async function scoreRfm(db: Executor): Promise<void> {
  await sql`
    UPDATE customer_metric m SET rfm_r = NULL, rfm_f = NULL, rfm_m = NULL, rfm_segment = NULL
    WHERE m.policies_total = 0 AND m.rfm_r IS NOT NULL`.execute(db);
  await sql`
    WITH s AS (
      SELECT m.customer_id,
             ntile(5) OVER (ORDER BY GREATEST(m.last_purchase_on, (m.last_contact_at AT TIME ZONE 'Asia/Shanghai')::date, m.first_policy_on) ASC NULLS FIRST, m.customer_id) AS r,
             ntile(5) OVER (ORDER BY m.policies_total + m.contacts_12m, m.customer_id) AS f,
             ntile(5) OVER (ORDER BY m.annual_premium_fen, m.customer_id) AS mo
      FROM customer_metric m
      WHERE m.policies_total > 0
    )
    UPDATE customer_metric m SET rfm_r = s.r, rfm_f = s.f, rfm_m = s.mo,
      rfm_segment = CASE
        WHEN s.r >= 4 AND s.f >= 4 AND s.mo >= 4 THEN 'champions'
        WHEN s.mo >= 4 AND s.r <= 2 THEN 'high_value_at_risk'
        WHEN s.f >= 4 AND s.r >= 3 THEN 'loyal'
        WHEN s.r >= 4 AND s.f <= 2 THEN 'promising'
        WHEN s.r <= 2 AND s.f <= 2 THEN 'hibernating'
        WHEN s.r = 3 THEN 'needs_attention'
        ELSE 'regular' END
    FROM s WHERE s.customer_id = m.customer_id`.execute(db);
}
