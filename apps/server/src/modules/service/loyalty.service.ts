import type { TCreateReferralRequest, TLoyaltySummary } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { getVisibleCustomer } from '../customers/index.ts';
import { requireVisibleCustomer } from './visible-customer.ts';
import { mayReadService, mayWorkService } from './service.policy.ts';

/** Points a referrer earns when the referred customer takes out a policy. */
export const REFERRAL_POINTS = 200;

/** Adds points to a customer's membership ledger in the caller's transaction. */
export async function awardPointsInTransaction(tx: Tx, actor: Actor | null, entry: { customerId: string; points: number; reason: 'claim_free_year' | 'referral' | 'adjustment'; sourceId: string | null; note: string | null }, now = new Date()) {
  const id = newId();
  await tx.insertInto('loyalty_entry').values({ customer_id: entry.customerId, id, points: entry.points, reason: entry.reason, source_id: entry.sourceId, note: entry.note, created_at: now }).execute();
  await recordAuditEvent(tx, actor, { action: 'loyalty.changed', entityType: 'customer', entityId: entry.customerId, customerId: entry.customerId, data: { change: 'points', points: entry.points, reason: entry.reason } });
  return id;
}

/** A customer's points balance, ledger and the customers they referred. */
export async function getLoyalty(deps: ModuleDeps, actor: Actor, customerId: string): Promise<TLoyaltySummary> {
  if (!mayReadService(actor)) throw forbidden('You may not view loyalty');
  await getVisibleCustomer(deps, actor, customerId);
  const [balance, entries, referrals] = await Promise.all([
    deps.db.selectFrom('loyalty_entry').select(sql<number>`coalesce(sum(points), 0)::int`.as('points')).where('customer_id', '=', customerId).executeTakeFirstOrThrow(),
    deps.db.selectFrom('loyalty_entry').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(100).execute(),
    deps.db
      .selectFrom('referral as r')
      .innerJoin('customer as c', 'c.id', 'r.referred_customer_id')
      .select(['r.id', 'r.referred_customer_id', 'c.name', 'r.policy_id', 'r.referred_on'])
      .where('r.customer_id', '=', customerId)
      .orderBy('r.referred_on', 'desc')
      .execute(),
  ]);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'customer.viewed', entityType: 'customer', entityId: customerId, customerId, data: { section: 'loyalty' } });
  return {
    points: balance.points,
    entries: entries.map((e) => ({ id: e.id, points: e.points, reason: e.reason, note: e.note, createdAt: e.created_at.toISOString() })),
    referrals: referrals.map((r) => ({ id: r.id, referredCustomer: { id: r.referred_customer_id, name: r.name }, policyId: r.policy_id, referredOn: r.referred_on })),
  };
}

/**
 * Records that one customer referred another (转介绍), optionally with the policy that resulted —
 * which earns the referrer points. A customer is referred by one referrer at most.
 */
export async function createReferral(deps: ModuleDeps, actor: Actor, input: TCreateReferralRequest, now = new Date()) {
  if (!mayWorkService(actor)) throw forbidden('You may not record referrals');
  if (input.referrerId === input.referredCustomerId) throw fieldError('body.referredCustomerId', rule('self_referral', 'a customer cannot refer themselves'));
  const referrer = await requireVisibleCustomer(deps, actor, input.referrerId, 'body.referrerId');
  await requireVisibleCustomer(deps, actor, input.referredCustomerId, 'body.referredCustomerId');
  if (input.policyId) {
    const policy = await deps.db.selectFrom('policy').select('id').where('id', '=', input.policyId).where('customer_id', '=', input.referredCustomerId).executeTakeFirst();
    if (!policy) throw fieldError('body.policyId', rule('not_of_customer', 'is not a policy of the referred customer'), 'NOT_FOUND');
  }
  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    const existing = await tx.selectFrom('referral').select('id').where('referred_customer_id', '=', input.referredCustomerId).executeTakeFirst();
    if (existing) throw new DomainError('DUPLICATE', 'This customer already has a referrer', [{ field: 'body.referredCustomerId', message: 'already referred', rule: 'already_referred' }]);
    await tx
      .insertInto('referral')
      .values({ customer_id: referrer.id, id, referred_customer_id: input.referredCustomerId, policy_id: input.policyId ?? null, org_unit_id: referrer.orgUnitId, org_path: referrer.orgPath, referred_on: input.referredOn, created_by_name: actor.displayName, created_at: now })
      .execute();
    await recordAuditEvent(tx, actor, { action: 'loyalty.changed', entityType: 'referral', entityId: id, customerId: referrer.id, data: { change: 'referral', referredCustomerId: input.referredCustomerId, policyId: input.policyId ?? null } });
    if (input.policyId) await awardPointsInTransaction(tx, actor, { customerId: referrer.id, points: REFERRAL_POINTS, reason: 'referral', sourceId: id, note: null }, now);
  });
  return { id };
}
