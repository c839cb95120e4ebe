import type { TCustomerMetrics, TSegmentationSettings } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { hasPermission } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { getVisibleCustomer } from '../customers/index.ts';
import { mayManageSegmentation, mayReadSegmentation } from './segmentation.policy.ts';
import { fieldErrorOfIssue } from '../../platform/http/zod-issues.ts';
import { readSegmentationSettings, SEGMENTATION_SETTING_SCHEMAS, type SegmentationSettingKey } from './settings.ts';
import { entitlementsOf } from './tiers.ts';

async function requireCustomer(deps: ModuleDeps, actor: Actor, customerId: string) {
  if (!hasPermission(actor, 'customer:read')) throw forbidden('You may not view customers');
  await getVisibleCustomer(deps, actor, customerId);
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A customer's metrics and segments (404 until the batch or an event has computed them). */
export async function getCustomerMetrics(deps: ModuleDeps, actor: Actor, customerId: string): Promise<TCustomerMetrics> {
  await requireCustomer(deps, actor, customerId);
  const m = await deps.db.selectFrom('customer_metric').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  if (!m) throw notFound('Customer metrics');
  return {
    customerId,
    computedAt: m.computed_at.toISOString(),
    age: m.age,
    firstPolicyOn: m.first_policy_on,
    tenureYears: m.tenure_years,
    policiesTotal: m.policies_total,
    policiesInForce: m.policies_in_force,
    inForceByLine: m.in_force_by_line,
    annualPremiumFen: m.annual_premium_fen,
    lifetimePremiumFen: m.lifetime_premium_fen,
    earnedPremium3yFen: m.earned_premium_3y_fen,
    claimsCount: m.claims_count,
    claims12m: m.claims_12m,
    claimsPaidFen: m.claims_paid_fen,
    claimsPaid3yFen: m.claims_paid_3y_fen,
    lossRatio3yPct: m.loss_ratio_3y_bp === null ? null : m.loss_ratio_3y_bp / 100,
    lastClaimAt: iso(m.last_claim_at),
    lastPurchaseOn: m.last_purchase_on,
    lastContactAt: iso(m.last_contact_at),
    contacts12m: m.contacts_12m,
    contacts90d: m.contacts_90d,
    contactsPrev90d: m.contacts_prev_90d,
    contactTrend: m.contact_trend,
    renewals: m.renewals,
    lapses: m.lapses,
    lapses12m: m.lapses_12m,
    complaintsCount: m.complaints_count,
    complaints12m: m.complaints_12m,
    latestCsat: m.latest_csat,
    latestNps: m.latest_nps,
    referralCount: m.referral_count,
    householdSize: m.household_size,
    children: m.children,
    rfm: m.rfm_r !== null && m.rfm_f !== null && m.rfm_m !== null && m.rfm_segment ? { r: m.rfm_r, f: m.rfm_f, m: m.rfm_m, segment: m.rfm_segment as never } : null,
    lifecycleSegment: m.lifecycle_segment as never,
    quadrant: m.quadrant as never,
    clusterNo: m.cluster_no,
  };
}

/** What a customer is entitled to by tier (S5), for agents, service staff and the 360 view. */
export async function getCustomerEntitlements(deps: ModuleDeps, actor: Actor, customerId: string) {
  await requireCustomer(deps, actor, customerId);
  return { customerId, ...(await entitlementsOf(deps.db, customerId)) };
}

export async function getSegmentationSettings(deps: ModuleDeps, actor: Actor): Promise<TSegmentationSettings> {
  if (!mayReadSegmentation(actor)) throw forbidden('You may not view segmentation settings');
  return readSegmentationSettings(deps.db);
}

/** Changes one setting (alerts, quadrants, lists); applies at the next run. */
export async function updateSegmentationSetting(deps: ModuleDeps, actor: Actor, key: SegmentationSettingKey, input: { value: Record<string, unknown>; version: number }) {
  if (!mayManageSegmentation(actor)) throw forbidden('You may not change segmentation settings');
  const parsed = SEGMENTATION_SETTING_SCHEMAS[key].safeParse(input.value);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `invalid ${key} setting`,
      parsed.error.issues.map((i) => fieldErrorOfIssue('body.value', i)),
    );
  }
  await inTransaction(deps.db, async (tx) => {
    const row = await tx.selectFrom('segmentation_setting').selectAll().where('key', '=', key).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Setting');
    if (row.version !== input.version) throw versionConflict(`Setting ${key}`);
    await tx.updateTable('segmentation_setting').set({ value: JSON.stringify(parsed.data), updated_at: new Date(), version: row.version + 1 }).where('key', '=', key).execute();
    await recordAuditEvent(tx, actor, { action: 'segmentation_rule.changed', entityType: 'segmentation_setting', entityId: key, data: { before: row.value, after: parsed.data } });
  });
  return readSegmentationSettings(deps.db);
}
