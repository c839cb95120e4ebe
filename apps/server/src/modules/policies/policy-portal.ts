import type { TPortalPolicy } from '@anxin/contracts';
import type { ModuleDeps } from '../../platform/deps.ts';

/** The policy id for a number (upper-cased), without a scope check: the portal proves identity itself. */
export async function findPolicyByNumberForPortal(deps: ModuleDeps, policyNo: string) {
  return deps.db
    .selectFrom('policy')
    .select(['id', 'customer_id', 'org_unit_id'])
    .where('policy_no', '=', policyNo.trim().toUpperCase())
    .executeTakeFirst();
}

/** Customers who are a party (policyholder or insured — not only beneficiary) to the policy. */
export async function listPolicyPartyIds(deps: ModuleDeps, policyId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('policy_party')
    .select('customer_id')
    .where('policy_id', '=', policyId)
    .where('role', 'in', ['applicant', 'insured'])
    .execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}

/**
 * The policies a customer holds or is insured by, as the portal shows them: whom the customer may
 * report a claim for (every insured of a policy they hold; themself on a policy that insures them)
 * and the product's claim documents. No scope check: the caller is the customer, proven by the portal.
 */
export async function listPortalPolicies(deps: ModuleDeps, customerId: string): Promise<TPortalPolicy[]> {
  const policies = await deps.db
    .selectFrom('policy as p')
    .innerJoin('product as pr', 'pr.id', 'p.product_id')
    .select(['p.id', 'p.policy_no', 'p.customer_id', 'p.status', 'p.effective_on', 'p.expires_on', 'pr.name as product_name', 'pr.line', 'pr.claim_documents'])
    .where((eb) =>
      eb.or([
        eb('p.customer_id', '=', customerId),
        eb.exists(eb.selectFrom('policy_party as pp').select('pp.policy_id').whereRef('pp.policy_id', '=', 'p.id').where('pp.customer_id', '=', customerId).where('pp.role', '=', 'insured')),
      ]),
    )
    .orderBy('p.effective_on', 'desc')
    .orderBy('p.id')
    .limit(200)
    .execute();
  if (policies.length === 0) return [];
  const insured = await deps.db
    .selectFrom('policy_party as pp')
    .innerJoin('customer as c', 'c.id', 'pp.customer_id')
    .select(['pp.policy_id', 'c.id', 'c.name'])
    .where(
      'pp.policy_id',
      'in',
      policies.map((p) => p.id),
    )
    .where('pp.role', '=', 'insured')
    .orderBy('c.name')
    .execute();
  return policies.map((p) => {
    const holder = p.customer_id === customerId;
    const people = insured.filter((i) => i.policy_id === p.id && (holder || i.id === customerId)).map((i) => ({ id: i.id, name: i.name }));
    return {
      id: p.id,
      policyNo: p.policy_no,
      productName: p.product_name,
      line: p.line,
      status: p.status,
      effectiveOn: p.effective_on,
      expiresOn: p.expires_on,
      holder,
      insured: people,
      documents: p.claim_documents.map((d) => ({ code: d.code, name: d.name, required: d.required })),
    };
  });
}
