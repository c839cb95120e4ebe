import type { TPolicyFilterQuery, TPolicySort } from '@anxin/contracts';
import { sql, type Insertable, type Updateable } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { EndorsementTable, PolicyPartyTable, PolicyTable, UnderwritingDecisionTable } from '../../platform/db/schema/policies.ts';
import type { PolicyScope } from './policy.policy.ts';

// The policy list and detail join the customer table (policyholder and party names) and the owner
// agent of the policyholder (pure agents' scope). These are read-only joins on the party table
// every module's records hang on; no customer data is written here.

const summaryColumns = [
  'p.id',
  'p.customer_id',
  'p.policy_no',
  'p.product_id',
  'p.status',
  'p.status_reason',
  'p.status_changed_on',
  'p.sum_insured_fen',
  'p.premium_fen',
  'p.payment_frequency',
  'p.payment_method',
  'p.bank_account_masked',
  'p.effective_on',
  'p.expires_on',
  'p.cooling_off_ends_on',
  'p.renewal_of_id',
  'p.surrender_value_fen',
  'p.agent_id',
  'p.org_unit_id',
  'p.created_at',
  'p.updated_at',
  'p.version',
  'pr.code as product_code',
  'pr.name as product_name',
  'pr.line as product_line',
  'ph.name as policyholder_name',
  'ag.display_name as agent_name',
  'o.name as org_unit_name',
  'o.path as org_path',
] as const;

function baseQuery(db: Executor) {
  return db
    .selectFrom('policy as p')
    .innerJoin('product as pr', 'pr.id', 'p.product_id')
    .innerJoin('customer as ph', 'ph.id', 'p.customer_id')
    .innerJoin('staff as ag', 'ag.id', 'p.agent_id')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id');
}

/** A scope as query values: the unit path pattern, and the agent for pure agents (absent otherwise). */
type ScopeValues = { pathPattern?: string; agentId?: string };
const scopeValues = (scope?: PolicyScope): ScopeValues => (scope ? { pathPattern: `${scope.orgPath}%`, agentId: scope.agentId ?? undefined } : {});

/** Policies with their summary columns, limited to `scope` when given (the data scope is enforced in SQL). */
function selectSummary(db: Executor, scope?: PolicyScope) {
  return selectSummaryIn(db, scopeValues(scope));
}

function selectSummaryIn(db: Executor, scope: ScopeValues) {
  let q = baseQuery(db).select(summaryColumns);
  if (scope.pathPattern !== undefined) {
    q = q.where('o.path', 'like', scope.pathPattern);
    const agentId = scope.agentId;
    if (agentId !== undefined) q = q.where((eb) => eb.or([eb('p.agent_id', '=', agentId), eb('ph.owner_agent_id', '=', agentId)]));
  }
  return q;
}

export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicyById>>>;

const policyById = compileOnce((db, v: ScopeValues & { id: string }) => selectSummaryIn(db, v).where('p.id', '=', v.id).modifyEnd(PREPARED));

/** The policy if it exists and lies in `scope` (no scope: any policy). Read by every policy action and page, so prepared. */
export async function findPolicyById(db: Executor, id: string, scope?: PolicyScope) {
  return (await policyById(db, { id, ...scopeValues(scope) }))[0];
}

const SORT_COLUMNS = {
  createdAt: { column: 'p.created_at', cast: 'timestamptz' },
  effectiveOn: { column: 'p.effective_on', cast: 'date' },
  expiresOn: { column: 'p.expires_on', cast: 'date' },
} as const;

/** A page of policies in scope, filtered and in keyset order (sort value, id); reads `limit + 1` rows to tell whether a next page exists. */
export async function listPolicies(
  db: Executor,
  scope: PolicyScope,
  filters: Omit<TPolicyFilterQuery, 'sort'> & { unitPath?: string; statusReason?: { is: string } | { isNot: string } | undefined },
  sort: TPolicySort,
  after: { value: string; id: string } | undefined,
  limit: number,
) {
  let q = selectSummary(db, scope);
  if (filters.status) q = q.where('p.status', '=', filters.status);
  if (filters.statusReason && 'is' in filters.statusReason) q = q.where('p.status_reason', '=', filters.statusReason.is);
  if (filters.statusReason && 'isNot' in filters.statusReason) q = q.where('p.status_reason', 'is distinct from', filters.statusReason.isNot);
  if (filters.line) q = q.where('pr.line', '=', filters.line);
  if (filters.productId) q = q.where('p.product_id', '=', filters.productId);
  if (filters.agentId) q = q.where('p.agent_id', '=', filters.agentId);
  if (filters.unitPath) q = q.where('o.path', 'like', `${filters.unitPath}%`);
  if (filters.expiringBefore) q = q.where('p.expires_on', '<=', filters.expiringBefore);
  if (filters.expiringFrom) q = q.where('p.expires_on', '>=', filters.expiringFrom);
  if (filters.customerId) {
    const customerId = filters.customerId;
    q = q.where((eb) => eb.exists(eb.selectFrom('policy_party as pp').select('pp.policy_id').whereRef('pp.policy_id', '=', 'p.id').where('pp.customer_id', '=', customerId)));
  }
  if (filters.q) {
    const prefix = `${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.policy_no', 'like', prefix.toUpperCase()), eb('ph.name', 'like', prefix)]));
  }
  const descending = sort.startsWith('-');
  const { column, cast } = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  if (after) {
    const cmp = sql.raw(descending ? '<' : '>');
    q = q.where(sql<boolean>`(${sql.ref(column)}, p.id) ${cmp} (CAST(${after.value} AS ${sql.raw(cast)}), CAST(${after.id} AS uuid))`);
  }
  const direction = descending ? 'desc' : 'asc';
  q = q.orderBy(column, direction).orderBy('p.id', direction);
  return q.limit(limit + 1).execute();
}

/** The customers on a policy with their names, applicant first, then insured, then beneficiaries by share. */
export async function listParties(db: Executor, policyIds: readonly string[]) {
  if (policyIds.length === 0) return [];
  return db
    .selectFrom('policy_party as pp')
    .innerJoin('customer as c', 'c.id', 'pp.customer_id')
    .select(['pp.policy_id', 'pp.customer_id', 'pp.role', 'pp.share_pct', 'c.name'])
    .where('pp.policy_id', 'in', policyIds)
    .orderBy('pp.policy_id')
    .orderBy(sql`CASE pp.role WHEN 'applicant' THEN 0 WHEN 'insured' THEN 1 ELSE 2 END`)
    .orderBy('pp.share_pct', 'desc')
    .orderBy('c.name')
    .modifyEnd(PREPARED)
    .execute();
}

export async function listEndorsements(db: Executor, policyId: string) {
  return db.selectFrom('endorsement').selectAll().where('policy_id', '=', policyId).orderBy('created_at').orderBy('id').execute();
}

/** The policy that renewed `policyId`, if any. */
export async function findRenewalOf(db: Executor, policyId: string) {
  const row = await db.selectFrom('policy').select('id').where('renewal_of_id', '=', policyId).executeTakeFirst();
  return row?.id ?? null;
}

export async function findPolicyIdByNumber(db: Executor, policyNo: string) {
  const row = await db.selectFrom('policy').select('id').where('policy_no', '=', policyNo).executeTakeFirst();
  return row?.id;
}

/** Policyholder and insured of the policy with this number (customer search by policy number). */
export async function findPartyIdsByPolicyNumber(db: Executor, policyNo: string) {
  const rows = await db
    .selectFrom('policy as p')
    .innerJoin('policy_party as pp', 'pp.policy_id', 'p.id')
    .select('pp.customer_id')
    .where('p.policy_no', '=', policyNo)
    .where('pp.role', 'in', ['applicant', 'insured'])
    .orderBy(sql`CASE pp.role WHEN 'applicant' THEN 0 ELSE 1 END`)
    .orderBy('pp.customer_id')
    .execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}

/** Every policy (in scope) on which the customer has a role, with the roles and the product line. */
/** A party of a policy as the parties column gives it. */
export type PartyJson = { customer_id: string; role: PolicyPartyTable['role']; share_pct: number | null; name: string };

/**
 * The policies in scope where the customer is a party, newest first, each with its parties
 * (applicant, insured, beneficiaries by share) as a JSON column: one round trip for the 360 view.
 */
export async function listPoliciesOfCustomer(db: Executor, scope: PolicyScope, customerId: string) {
  return policiesOfCustomer(db, { customerId, ...scopeValues(scope) });
}

/** The statement of listPoliciesOfCustomer, not run: the 360 view's policies section rides it on the customer's. */
export function policiesOfCustomerStatement(db: Executor, scope: PolicyScope, customerId: string) {
  return policiesOfCustomer.bound(db, { customerId, ...scopeValues(scope) });
}

export type PolicyOfCustomerRow = Awaited<ReturnType<typeof listPoliciesOfCustomer>>[number];

const policiesOfCustomer = compileOnce((db, v: ScopeValues & { customerId: string }) =>
  selectSummaryIn(db, v)
    .select(
      sql<PartyJson[]>`(SELECT coalesce(json_agg(json_build_object('customer_id', pp.customer_id, 'role', pp.role, 'share_pct', pp.share_pct, 'name', pc.name)
         ORDER BY CASE pp.role WHEN 'applicant' THEN 0 WHEN 'insured' THEN 1 ELSE 2 END, pp.share_pct DESC, pc.name), '[]'::json)
         FROM policy_party pp JOIN customer pc ON pc.id = pp.customer_id WHERE pp.policy_id = p.id)`.as('parties'),
    )
    .where((eb) => eb.exists(eb.selectFrom('policy_party as mine').select('mine.policy_id').whereRef('mine.policy_id', '=', 'p.id').where('mine.customer_id', '=', v.customerId)))
    .orderBy('p.effective_on', 'desc')
    .orderBy('p.id', 'desc')
    .modifyEnd(PREPARED),
  { timestamps: ['created_at', 'updated_at'] },
);

export async function nextPolicyNumber(db: Executor, year: string) {
  return (await nextPolicyNumbers(db, year, 1))[0]!;
}

/** `count` new policy numbers for `year`, in one statement. */
export async function nextPolicyNumbers(db: Executor, year: string, count: number) {
  if (count === 0) return [];
  const { rows } = await sql<{ n: number }>`SELECT nextval('policy_no_seq') AS n FROM generate_series(1, ${count})`.execute(db);
  return rows.map((r) => `P${year}${String(r.n).padStart(10, '0')}`);
}

/** Which of these policy numbers are taken. */
export async function findTakenPolicyNumbers(db: Executor, policyNos: readonly string[]) {
  const taken = new Set<string>();
  for (let i = 0; i < policyNos.length; i += 1000) {
    for (const r of await db.selectFrom('policy').select('policy_no').where('policy_no', 'in', policyNos.slice(i, i + 1000)).execute()) taken.add(r.policy_no);
  }
  return taken;
}

export async function insertPolicies(db: Executor, rows: Insertable<PolicyTable>[]) {
  if (rows.length > 0) await db.insertInto('policy').values(rows).execute();
}

export async function insertParties(db: Executor, rows: Insertable<PolicyPartyTable>[]) {
  if (rows.length > 0) await db.insertInto('policy_party').values(rows).execute();
}

export async function insertEndorsements(db: Executor, rows: Insertable<EndorsementTable>[]) {
  if (rows.length > 0) await db.insertInto('endorsement').values(rows).execute();
}

export async function deleteBeneficiaries(db: Executor, policyId: string) {
  await db.deleteFrom('policy_party').where('policy_id', '=', policyId).where('role', '=', 'beneficiary').execute();
}

/** Optimistic update (when `version` is given); undefined when it no longer matches. */
export async function updatePolicy(db: Executor, id: string, version: number | null, patch: Updateable<PolicyTable>) {
  let q = db
    .updateTable('policy')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return q.returning('id').executeTakeFirst();
}

/** Reserves `count` consecutive numbers of the policy-number sequence (bulk loading); returns the first. */
export async function reservePolicyNumbers(db: Executor, count: number) {
  const { rows } = await sql<{ first: number }>`SELECT nextval('policy_no_seq') AS first`.execute(db);
  const first = Number(rows[0]!.first);
  if (count > 1) await sql`SELECT setval('policy_no_seq', ${first + count - 1})`.execute(db);
  return first;
}

export async function insertUnderwritingDecision(db: Executor, row: Insertable<UnderwritingDecisionTable>) {
  await db.insertInto('underwriting_decision').values(row).execute();
}

/** A policy's underwriting decisions, oldest first. */
export async function listUnderwritingDecisions(db: Executor, policyId: string) {
  return db.selectFrom('underwriting_decision').selectAll().where('policy_id', '=', policyId).orderBy('decided_at').orderBy('id').execute();
}
