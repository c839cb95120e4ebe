import type { ModuleDeps } from '../../platform/deps.ts';

/**
 * What the customer portal needs to know about a customer: the name, the unit that serves them (the
 * portal actor's unit for the audit trail) and the mobile on file that one-time codes go to —
 * the preferred mobile first, then a verified one, then the oldest. No scope check: the portal
 * proves identity itself (policy number + ID number + code).
 */
export async function findPortalIdentity(deps: ModuleDeps, customerId: string) {
  const customer = await deps.db
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .select(['c.id', 'c.name', 'c.org_unit_id', 'o.path as org_path', 'o.level as org_level'])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!customer) return undefined;
  const mobile = await deps.db
    .selectFrom('contact_point')
    .select(['id', 'value_normalised'])
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'mobile')
    .orderBy('preferred', 'desc')
    .orderBy('verified', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return {
    id: customer.id,
    name: customer.name,
    orgUnitId: customer.org_unit_id,
    orgPath: customer.org_path,
    orgLevel: customer.org_level,
    mobile: mobile ? { contactId: mobile.id, number: mobile.value_normalised } : null,
  };
}
