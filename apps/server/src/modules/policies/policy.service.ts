import type { TCreatePolicyRequest, TPolicyListQuery, TPolicyStatusChangeRequest, TUpdatePolicyRequest } from '@anxin/contracts';
import type { Insertable } from 'kysely';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { insertOutbox, insertOutboxEntries, type OutboxEntry } from '../../platform/outbox.ts';
import type { PolicyPartyTable, PolicyTable } from '../../platform/db/schema/policies.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, fieldProblem, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordAuditEvents, type AuditEntry } from '../audit/index.ts';
import { findVisibleCustomerIds, maskBankAccount, syncLifecycleStages } from '../customers/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { findProduct } from '../products/index.ts';
import { blacklistedInEffect } from '../segmentation/index.ts';
import { decodePolicyCursor, encodePolicyCursor } from './policy-cursor.ts';
import { addDays, todayInChina } from './policy-dates.ts';
import { requireLicensedAgent, requireOrgUnitInScope, requireVisibleParty } from './policy-parties.ts';
import { isFinalStatus, transitionRefusal } from './policy-status.ts';
import { checkBankAccount, checkBeneficiaries, checkInsured, checkPolicyDates } from './policy-validation.ts';
import { mayReadPolicies, mayWritePolicies, policyScopeOf } from './policy.policy.ts';
import {
  findPolicyById,
  findPolicyIdByNumber as findPolicyIdByNumberRow,
  findRenewalOf,
  insertParties,
  insertPolicies,
  listEndorsements,
  listParties,
  listPolicies as listPolicyRows,
  findTakenPolicyNumbers,
  nextPolicyNumber,
  nextPolicyNumbers,
  updatePolicy as updatePolicyRow,
  type PolicyRow,
} from './policy.repository.ts';

/** A policy with everything its detail view shows. */
export async function loadPolicyDetail(deps: ModuleDeps, row: PolicyRow) {
  const [parties, endorsements, renewedById, product] = await Promise.all([
    listParties(deps.db, [row.id]),
    listEndorsements(deps.db, row.id),
    findRenewalOf(deps.db, row.id),
    findProduct(deps, row.product_id),
  ]);
  return { row, parties, endorsements, renewedById, coverages: product?.coverages ?? [] };
}
export type PolicyDetail = Awaited<ReturnType<typeof loadPolicyDetail>>;

/** The policy if the actor may see it; NOT_FOUND otherwise. */
export async function requireVisiblePolicy(deps: ModuleDeps, actor: Actor, id: string) {
  const row = await findPolicyById(deps.db, id, policyScopeOf(actor));
  if (!row) throw notFound('Policy');
  return row;
}

/**
 * The cooling-off end of an application issued today: the cooling-off period (犹豫期) runs from the
 * day the policyholder gets the policy, so an application issued after the date it was entered for
 * gets its product's cooling-off days from today — never less than it had.
 */
export async function coolingOffEndsOnIssue(deps: ModuleDeps, policy: PolicyRow) {
  const days = (await findProduct(deps, policy.product_id))?.cooling_off_days ?? 0;
  const fromToday = addDays(todayInChina(), days);
  return fromToday > policy.cooling_off_ends_on ? fromToday : policy.cooling_off_ends_on;
}

/** One policy with its parties, coverages and endorsements. */
export async function getPolicy(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadPolicies(actor)) throw forbidden('You may not view policies');
  return loadPolicyDetail(deps, await requireVisiblePolicy(deps, actor, id));
}

/** A keyset page of the policies in the actor's scope, filtered and sorted (default newest first). */
export async function listPolicies(deps: ModuleDeps, actor: Actor, query: TPolicyListQuery) {
  if (!mayReadPolicies(actor)) throw forbidden('You may not view policies');
  const { cursor, limit, sort = '-createdAt', ...filters } = query;
  const unitPath = filters.orgUnitId ? await unitPathFilter(deps, actor, filters.orgUnitId) : undefined;
  const after = cursor ? decodePolicyCursor(cursor, sort) : undefined;
  const rows = await listPolicyRows(deps.db, policyScopeOf(actor), { ...filters, unitPath }, sort, after, limit);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const key = sort.replace('-', '');
  const value = !last ? '' : key === 'createdAt' ? last.created_at.toISOString() : key === 'effectiveOn' ? last.effective_on : last.expires_on;
  return { items, nextCursor: rows.length > limit && last ? encodePolicyCursor({ value, id: last.id }) : null };
}

/** The path of a unit for the `orgUnitId` filter; a unit outside the caller's scope yields an empty list rather than revealing it exists. */
async function unitPathFilter(deps: ModuleDeps, actor: Actor, orgUnitId: string) {
  const unit = await findOrgUnitById(deps.db, orgUnitId);
  return unit && unit.path.startsWith(actor.orgPath) ? unit.path : '/nowhere/';
}

/**
 * Enters a policy: checks the product is active, the customers are visible, the agent licensed on
 * the effective date, beneficiary shares and dates; generates the policy number when none is
 * given; stores the cooling-off end; links a renewal and expires the policy it renews.
 */
export async function createPolicy(deps: ModuleDeps, actor: Actor, input: TCreatePolicyRequest) {
  if (!mayWritePolicies(actor)) throw forbidden('You may not enter policies');
  const beneficiaries = input.beneficiaries ?? [];
  checkPolicyDates(input.effectiveOn, input.expiresOn);
  checkInsured(input.insuredIds);
  checkBeneficiaries(beneficiaries);
  checkBankAccount(input.paymentMethod, input.bankAccount);
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const product = await findProduct(txDeps, input.productId);
    if (!product) throw fieldError('body.productId', rule('not_found', 'product not found'), 'NOT_FOUND');
    if (!product.active) throw fieldError('body.productId', rule('product_inactive', `product ${product.code} is no longer sold`), 'PRODUCT_INACTIVE');
    const policyholder = await requireVisibleParty(txDeps, actor, input.policyholderId, 'body.policyholderId');
    for (const [i, id] of input.insuredIds.entries()) await requireVisibleParty(txDeps, actor, id, `body.insuredIds.${i}`);
    for (const [i, b] of beneficiaries.entries()) await requireVisibleParty(txDeps, actor, b.customerId, `body.beneficiaries.${i}.customerId`);
    const agent = await requireLicensedAgent(txDeps, actor, input.agentId, input.effectiveOn);
    const orgUnitId = input.orgUnitId ? (await requireOrgUnitInScope(txDeps, actor, input.orgUnitId)).id : agent.org_unit_id;

    if (input.renewalOfId) await expireRenewedPolicy(tx, actor, input.renewalOfId, policyholder.id, input.effectiveOn);

    let policyNo: string;
    if (input.policyNo) {
      policyNo = input.policyNo.toUpperCase();
      if (await findPolicyIdByNumberRow(tx, policyNo)) throw duplicatePolicyNo(policyNo);
    } else {
      policyNo = await nextPolicyNumber(tx, todayInChina().slice(0, 4));
    }
    const id = newId();
    const now = new Date();
    const parties = [policyholder.id, ...input.insuredIds];
    const referral = blacklistReferral(await blacklistedInEffect(tx, parties, todayInChina()), parties, product.line, input);
    const row = { ...policyRow(deps, actor, id, input, { policyNo, productId: product.id, coolingOffDays: product.cooling_off_days, policyholderId: policyholder.id, agentId: agent.id, orgUnitId }, now), ...referral?.patch };
    await insertPolicies(tx, [row]);
    await insertParties(tx, partyRows(id, policyholder.id, input.insuredIds, beneficiaries, now));
    await syncLifecycleStages(tx, [id, ...(input.renewalOfId ? [input.renewalOfId] : [])], now);
    await recordAuditEvent(tx, actor, policyCreatedEvent(id, input, { policyNo, productId: product.id, policyholderId: policyholder.id, agentId: agent.id, orgUnitId }, referral));
    if (referral?.held) {
      await insertOutbox(tx, 'policy.underwriting_referral', policyholder.id, id, { policyId: id, policyNo, reason: 'blacklist' });
    } else if (row.status === 'in_force') {
      // After commit, automation schedules the new-policy visit within the cooling-off period (an
      // application entered as pending gets it when it is issued).
      await insertOutbox(tx, 'policy.issued', policyholder.id, id, { policyId: id, policyNo });
    }
    return loadPolicyDetail(txDeps, (await findPolicyById(tx, id))!);
  });
}

/** Status reason of a new policy held for underwriting because a party is blacklisted (S6). */
export const BLACKLIST_REFERRAL_REASON = 'underwriting_referral: blacklist';

/**
 * S6 underwriting referral: a new policy (in force or pending) whose policyholder or an insured is
 * blacklisted in effect is not issued but held as pending for an underwriting decision. Compulsory
 * motor cover (交强险) may never be refused or delayed (requirement U4): it issues, with the
 * blacklisted party noted on the policy. `blacklisted` holds the parties found in effect today (it
 * may hold other policies' parties too: a bulk import looks its batch up at once).
 */
function blacklistReferral(blacklisted: ReadonlySet<string>, partyIds: readonly string[], line: string, input: TCreatePolicyRequest): Referral | null {
  const hits = [...new Set(partyIds)].filter((id) => blacklisted.has(id));
  if (hits.length === 0) return null;
  const audit = { blacklistedPartyIds: hits };
  if (line === 'motor_compulsory') return { held: false, patch: { status_reason: 'blacklisted party: compulsory motor cover issued (U4)' }, audit: { ...audit, compulsoryIssued: true } };
  return { held: true, patch: { status: 'pending' as const, status_reason: BLACKLIST_REFERRAL_REASON }, audit: { ...audit, underwritingReferral: 'blacklist', requestedStatus: input.status ?? 'in_force' } };
}

interface Referral {
  held: boolean;
  patch: { status?: 'pending'; status_reason: string };
  audit: Record<string, unknown>;
}

const duplicatePolicyNo = (policyNo: string) => fieldError('body.policyNo', rule('duplicate', `policy number ${policyNo} already exists`, { value: policyNo }), 'DUPLICATE');

interface ResolvedPolicy {
  policyNo: string;
  productId: string;
  policyholderId: string;
  agentId: string;
  orgUnitId: string;
}

/** The stored row of a new policy. */
function policyRow(deps: ModuleDeps, actor: Actor, id: string, input: TCreatePolicyRequest, r: ResolvedPolicy & { coolingOffDays: number }, now: Date): Insertable<PolicyTable> {
  return {
    id,
    customer_id: r.policyholderId,
    policy_no: r.policyNo,
    product_id: r.productId,
    status: input.status ?? 'in_force',
    status_reason: null,
    status_changed_on: null,
    sum_insured_fen: input.sumInsuredFen,
    premium_fen: input.premiumFen,
    payment_frequency: input.paymentFrequency,
    payment_method: input.paymentMethod ?? null,
    bank_account_enc: input.bankAccount ? deps.cipher.encrypt(input.bankAccount) : null,
    bank_account_masked: input.bankAccount ? maskBankAccount(input.bankAccount) : null,
    effective_on: input.effectiveOn,
    expires_on: input.expiresOn,
    cooling_off_ends_on: addDays(input.effectiveOn, r.coolingOffDays),
    renewal_of_id: input.renewalOfId ?? null,
    surrender_value_fen: null,
    agent_id: r.agentId,
    org_unit_id: r.orgUnitId,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  };
}

function policyCreatedEvent(id: string, input: TCreatePolicyRequest, r: ResolvedPolicy, referral: Referral | null): AuditEntry {
  return {
    action: 'policy.created',
    entityType: 'policy',
    entityId: id,
    customerId: r.policyholderId,
    data: {
      policyNo: r.policyNo,
      productId: r.productId,
      status: referral?.held ? 'pending' : (input.status ?? 'in_force'),
      insuredIds: input.insuredIds,
      beneficiaryIds: (input.beneficiaries ?? []).map((b) => b.customerId),
      agentId: r.agentId,
      orgUnitId: r.orgUnitId,
      ...(input.renewalOfId ? { renewalOfId: input.renewalOfId } : {}),
      ...referral?.audit,
    },
  };
}

/**
 * Enters many policies in the caller's transaction (bulk import), each checked as `createPolicy`
 * checks one — product active, parties visible, agent licensed on the effective date, shares, dates,
 * policy number unique (also within the batch) — with the look-ups shared across the batch and the
 * rows, parties and `policy.created` events written with multi-row inserts. Per request the new id
 * or the DomainError that refused it. Renewals are entered one by one (`createPolicy`).
 *
 * As `createPolicy`, a policy with a blacklisted party is held for underwriting (S6) and queues its
 * referral. An issued policy queues `policy.issued` only while its cooling-off period lasts: the
 * event's effects are the new-policy visit (回访, due within cooling-off) and a refresh of the
 * customer's metrics, which the nightly segmentation batch makes for everyone anyway — a core
 * system's book of past years would otherwise queue millions of events that do nothing.
 */
export async function createPolicies(deps: ModuleDeps & { db: Tx }, actor: Actor, inputs: readonly TCreatePolicyRequest[]): Promise<(string | DomainError)[]> {
  if (!mayWritePolicies(actor)) throw forbidden('You may not enter policies');
  const tx = deps.db;
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as Promise<T>;
  };
  const visible = await findVisibleCustomerIds(deps, actor, inputs.flatMap((i) => [i.policyholderId, ...i.insuredIds, ...(i.beneficiaries ?? []).map((b) => b.customerId)]));
  const taken = await findTakenPolicyNumbers(tx, inputs.flatMap((i) => (i.policyNo ? [i.policyNo.toUpperCase()] : [])));
  const today = todayInChina();
  const generated = await nextPolicyNumbers(tx, today.slice(0, 4), inputs.filter((i) => !i.policyNo).length);
  const blacklisted = await blacklistedInEffect(tx, inputs.flatMap((i) => [i.policyholderId, ...i.insuredIds]).filter((id) => visible.has(id)), today);
  const now = new Date();
  const outcomes: (string | DomainError)[] = [];
  const rows: Insertable<PolicyTable>[] = [];
  const parties: Insertable<PolicyPartyTable>[] = [];
  const events: AuditEntry[] = [];
  const outbox: OutboxEntry[] = [];
  const requireVisible = (id: string, field: string) => {
    if (!visible.has(id)) throw fieldError(field, rule('not_found', 'customer not found'), 'NOT_FOUND');
  };
  for (const input of inputs) {
    try {
      if (input.renewalOfId) throw fieldError('body.renewalOfId', rule('renewal_one_by_one', 'renewals are entered one by one'));
      const beneficiaries = input.beneficiaries ?? [];
      checkPolicyDates(input.effectiveOn, input.expiresOn);
      checkInsured(input.insuredIds);
      checkBeneficiaries(beneficiaries);
      checkBankAccount(input.paymentMethod, input.bankAccount);
      const product = await once(`product:${input.productId}`, () => findProduct(deps, input.productId));
      if (!product) throw fieldError('body.productId', rule('not_found', 'product not found'), 'NOT_FOUND');
      if (!product.active) throw fieldError('body.productId', rule('product_inactive', `product ${product.code} is no longer sold`), 'PRODUCT_INACTIVE');
      requireVisible(input.policyholderId, 'body.policyholderId');
      input.insuredIds.forEach((id, i) => requireVisible(id, `body.insuredIds.${i}`));
      beneficiaries.forEach((b, i) => requireVisible(b.customerId, `body.beneficiaries.${i}.customerId`));
      const agent = await requireLicensedAgent(deps, actor, input.agentId, input.effectiveOn, 'body.agentId', (id) => once(`staff:${id}`, () => findStaffById(tx, id)));
      const orgUnitId = input.orgUnitId ? (await once(`unit:${input.orgUnitId}`, () => requireOrgUnitInScope(deps, actor, input.orgUnitId!))).id : agent.org_unit_id;
      let policyNo: string;
      if (input.policyNo) {
        policyNo = input.policyNo.toUpperCase();
        if (taken.has(policyNo)) throw duplicatePolicyNo(policyNo);
        taken.add(policyNo);
      } else policyNo = generated.shift()!;
      const id = newId();
      const resolved = { policyNo, productId: product.id, policyholderId: input.policyholderId, agentId: agent.id, orgUnitId };
      const referral = blacklistReferral(blacklisted, [input.policyholderId, ...input.insuredIds], product.line, input);
      const row = { ...policyRow(deps, actor, id, input, { ...resolved, coolingOffDays: product.cooling_off_days }, now), ...referral?.patch };
      rows.push(row);
      parties.push(...partyRows(id, input.policyholderId, input.insuredIds, beneficiaries, now));
      events.push(policyCreatedEvent(id, input, resolved, referral));
      if (referral?.held) outbox.push({ topic: 'policy.underwriting_referral', customerId: input.policyholderId, aggregateId: id, payload: { policyId: id, policyNo, reason: 'blacklist' } });
      else if (row.status === 'in_force' && row.cooling_off_ends_on >= today) outbox.push({ topic: 'policy.issued', customerId: input.policyholderId, aggregateId: id, payload: { policyId: id, policyNo } });
      outcomes.push(id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push(error);
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await insertPolicies(tx, rows.slice(i, i + 1000));
  for (let i = 0; i < parties.length; i += 1000) await insertParties(tx, parties.slice(i, i + 1000));
  for (let i = 0; i < rows.length; i += 1000) await syncLifecycleStages(tx, rows.slice(i, i + 1000).map((r) => r.id), new Date());
  await recordAuditEvents(tx, actor, events);
  await insertOutboxEntries(tx, outbox);
  return outcomes;
}

function partyRows(policyId: string, policyholderId: string, insuredIds: readonly string[], beneficiaries: readonly { customerId: string; sharePct: number }[], at: Date) {
  const rows: Insertable<PolicyPartyTable>[] = [{ policy_id: policyId, customer_id: policyholderId, role: 'applicant', share_pct: null, created_at: at }];
  for (const insured of insuredIds) rows.push({ policy_id: policyId, customer_id: insured, role: 'insured', share_pct: null, created_at: at });
  for (const b of beneficiaries) rows.push({ policy_id: policyId, customer_id: b.customerId, role: 'beneficiary', share_pct: b.sharePct, created_at: at });
  return rows;
}

/** The renewed policy must be visible, have the same policyholder, be in force or expired, and not be renewed yet; it becomes expired. */
async function expireRenewedPolicy(tx: Tx, actor: Actor, previousId: string, policyholderId: string, renewalEffectiveOn: string) {
  const previous = await findPolicyById(tx, previousId, policyScopeOf(actor));
  if (!previous) throw fieldError('body.renewalOfId', rule('not_found', 'policy not found'), 'NOT_FOUND');
  if (previous.customer_id !== policyholderId) throw fieldError('body.renewalOfId', rule('renewal_other_holder', 'a renewal keeps the policyholder of the policy it renews'));
  if (await findRenewalOf(tx, previousId)) throw fieldError('body.renewalOfId', rule('already_renewed', `policy ${previous.policy_no} is already renewed`), 'DUPLICATE');
  if (previous.status === 'expired') return;
  if (previous.status !== 'in_force') throw fieldError('body.renewalOfId', rule('renewal_not_in_force', `a ${previous.status} policy cannot be renewed`, { status: previous.status }), 'POLICY_INVALID_STATUS_CHANGE');
  const on = previous.expires_on < renewalEffectiveOn ? previous.expires_on : renewalEffectiveOn;
  await updatePolicyRow(tx, previousId, null, { status: 'expired', status_reason: 'renewed', status_changed_on: on });
  await recordAuditEvent(tx, actor, {
    action: 'policy.updated',
    entityType: 'policy',
    entityId: previousId,
    customerId: previous.customer_id,
    data: { status: { from: previous.status, to: 'expired' }, reason: 'renewed' },
  });
}

/** Changes a policy's commercial data (sum insured, premium, frequency, expiry, agent) with optimistic concurrency. */
export async function updatePolicy(deps: ModuleDeps, actor: Actor, id: string, input: TUpdatePolicyRequest) {
  if (!mayWritePolicies(actor)) throw forbidden('You may not change policies');
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const current = await requireVisiblePolicy(txDeps, actor, id);
    if (isFinalStatus(current.status)) throw new DomainError('POLICY_INVALID_STATUS_CHANGE', `A ${current.status} policy can no longer be changed`);
    if (input.expiresOn !== undefined) checkPolicyDates(current.effective_on, input.expiresOn);
    if (input.agentId !== undefined && input.agentId !== current.agent_id) await requireLicensedAgent(txDeps, actor, input.agentId, current.effective_on);
    const updated = await updatePolicyRow(tx, id, input.version, {
      ...(input.sumInsuredFen !== undefined ? { sum_insured_fen: input.sumInsuredFen } : {}),
      ...(input.premiumFen !== undefined ? { premium_fen: input.premiumFen } : {}),
      ...(input.paymentFrequency !== undefined ? { payment_frequency: input.paymentFrequency } : {}),
      ...(input.expiresOn !== undefined ? { expires_on: input.expiresOn } : {}),
      ...(input.agentId !== undefined ? { agent_id: input.agentId } : {}),
    });
    if (!updated) throw versionConflict('Policy');
    await recordAuditEvent(tx, actor, {
      action: 'policy.updated',
      entityType: 'policy',
      entityId: id,
      customerId: current.customer_id,
      data: { changed: Object.keys(input).filter((k) => k !== 'version') },
    });
    return loadPolicyDetail(txDeps, (await findPolicyById(tx, id))!);
  });
}

/** Moves a policy to another status along the allowed transitions (surrender is an endorsement, it records the surrender value). */
export async function changePolicyStatus(deps: ModuleDeps, actor: Actor, id: string, input: TPolicyStatusChangeRequest) {
  if (!mayWritePolicies(actor)) throw forbidden('You may not change policies');
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const current = await requireVisiblePolicy(txDeps, actor, id);
    const on = input.effectiveOn ?? todayInChina();
    if (input.status === 'surrendered') {
      throw new DomainError('POLICY_INVALID_STATUS_CHANGE', 'Record a surrender endorsement (it records the surrender value)', [
        { field: 'body.status', message: 'use POST /api/v1/policies/{id}/endorsements with type surrender', rule: 'use_surrender' },
      ]);
    }
    const refusal = transitionRefusal(current.status, input.status, { on, coolingOffEndsOn: current.cooling_off_ends_on, expiresOn: current.expires_on });
    // A policy held because a party is blacklisted is issued only by someone who may decide on the blacklist, not by the seller.
    if (!refusal && current.status === 'pending' && input.status === 'in_force' && current.status_reason === BLACKLIST_REFERRAL_REASON && !hasPermission(actor, 'blacklist:approve')) {
      throw forbidden('This policy was referred to underwriting because a party is on the blacklist: only a blacklist approver may issue it');
    }
    if (refusal) throw new DomainError('POLICY_INVALID_STATUS_CHANGE', `Status change refused: ${refusal.message}`, [fieldProblem('body.status', refusal)]);
    const reinstated = input.status === 'in_force';
    const issued = reinstated && current.status === 'pending';
    const updated = await updatePolicyRow(tx, id, input.version, {
      status: input.status,
      status_reason: input.reason,
      status_changed_on: issued ? null : on,
      ...(issued ? { cooling_off_ends_on: await coolingOffEndsOnIssue(txDeps, current) } : {}),
    });
    if (!updated) throw versionConflict('Policy');
    await recordAuditEvent(tx, actor, {
      action: 'policy.updated',
      entityType: 'policy',
      entityId: id,
      customerId: current.customer_id,
      data: { status: { from: current.status, to: input.status }, effectiveOn: on },
    });
    // An application issued: the new-policy visit is due within the cooling-off period, as for a policy entered in force.
    if (issued) {
      await insertOutbox(tx, 'policy.issued', current.customer_id, id, { policyId: id, policyNo: current.policy_no });
    }
    await syncLifecycleStages(tx, [id], new Date());
    return loadPolicyDetail(txDeps, (await findPolicyById(tx, id))!);
  });
}

/** Which of these policy numbers exist (bulk imports); no scope check. */
export async function findPolicyNumbersTaken(deps: ModuleDeps, policyNos: readonly string[]) {
  return findTakenPolicyNumbers(deps.db, policyNos.map((n) => n.trim().toUpperCase()));
}

/** The id of the policy with this number (imports, lookups); no scope check. */
export async function findPolicyIdByNumber(deps: ModuleDeps, policyNo: string) {
  return findPolicyIdByNumberRow(deps.db, policyNo.trim().toUpperCase());
}

/**
 * A policy as the claims module needs it — summary, parties and product (waiting period, claim
 * checklist, coverages) — found by id or number, with no permission check: the caller (claims)
 * decides scope on the claim it creates.
 */
export async function findPolicyForClaim(deps: ModuleDeps, ref: { policyId?: string | undefined; policyNo?: string | undefined }) {
  const id = ref.policyId ?? (ref.policyNo ? await findPolicyIdByNumberRow(deps.db, ref.policyNo.trim().toUpperCase()) : undefined);
  const row = id ? await findPolicyById(deps.db, id) : undefined;
  if (!row) return undefined;
  const [parties, product] = await Promise.all([listParties(deps.db, [row.id]), findProduct(deps, row.product_id)]);
  return { row, parties, product: product! };
}
