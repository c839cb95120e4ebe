import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, rule } from '../../platform/errors.ts';
import { getVisibleCustomer } from '../customers/index.ts';

/** The customer a request body names, if the caller may see it; otherwise a 404 on that field. */
export async function requireVisibleCustomer(deps: ModuleDeps, actor: Actor, customerId: string, field: string) {
  try {
    return await getVisibleCustomer(deps, actor, customerId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw fieldError(field, rule('not_found', 'no such customer in your scope'), 'NOT_FOUND');
    throw error;
  }
}
