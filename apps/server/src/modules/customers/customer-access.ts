import type { Actor } from '../../platform/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { customerScopeOf } from './customer.policy.ts';
import { findCustomerById } from './customer.repository.ts';

/** The customer if it exists and lies in the actor's data scope; NOT_FOUND otherwise (no permission check). */
export async function requireVisibleCustomer(db: Executor, actor: Actor, customerId: string) {
  const row = await findCustomerById(db, customerId, customerScopeOf(actor));
  if (!row) throw notFound('Customer');
  return row;
}
