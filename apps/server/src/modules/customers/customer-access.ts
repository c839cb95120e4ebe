import type { Actor } from '../../platform/actor.ts';
import { type Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { customerScopeOf } from './customer.policy.ts';
import { findCustomerById } from './customer.repository.ts';

/** The customer if it exists and lies in the actor's data scope; NOT_FOUND otherwise (no permission check). */
export async function requireVisibleCustomer(db: Executor, actor: Actor, customerId: string) {
  const row = await findCustomerById(db, customerId, customerScopeOf(actor));
  if (!row) throw notFound('Customer');
  return row;
}

/** Views of one customer's personal data whose reads are audited as `customer.viewed` (data.view). */
export type CustomerView = '360' | 'profile' | 'household' | 'contacts' | 'interactions';

/**
 * Records one `customer.viewed` event for a read of one customer's personal data (architecture
 * rule 10), in its own transaction after the read succeeded. Lists and search results (masked
 * summaries) are not audited.
 */
export async function recordCustomerViewed(db: Executor, actor: Actor, customerId: string, view: CustomerView, extra: Record<string, unknown> = {}) {
  await recordStandaloneAuditEvent(db, actor, { action: 'customer.viewed', entityType: 'customer', entityId: customerId, customerId, data: { view, ...extra } });
}
