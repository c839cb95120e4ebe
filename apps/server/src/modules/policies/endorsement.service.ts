import type { TCreateEndorsementRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldProblem, forbidden, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { maskBankAccount, mergeContacts, syncLifecycleStages } from '../customers/index.ts';
import { requireVisibleParty } from './policy-parties.ts';
import { isFinalStatus, transitionRefusal } from './policy-status.ts';
import { checkBankAccount, checkBeneficiaries } from './policy-validation.ts';
import { mayWritePolicies } from './policy.policy.ts';
import { deleteBeneficiaries, findPolicyById, insertEndorsements, insertParties, listParties, updatePolicy as updatePolicyRow, type PolicyRow } from './policy.repository.ts';
import { loadPolicyDetail, requireVisiblePolicy } from './policy.service.ts';
import { formatYuan } from '../../platform/money.ts';

/** Keeps an address up to its district, county or city (`浙江省杭州市西湖区****`); the street never appears in a summary. */
export function maskAddressForSummary(address: string): string {
  const cut = /^.*?(?<!自治)[区县旗]/u.exec(address) ?? /^.*?市/u.exec(address);
  if (cut && cut[0].length < address.length) return `${cut[0]}****`;
  return `${address.slice(0, Math.min(4, Math.floor(address.length / 2)))}****`;
}

/** Money for summaries: fen as yuan with two decimals (`¥12,345.67`). */

interface Change {
  summary: string;
  details: Record<string, unknown>;
  /** Non-personal description of the change for the audit trail (ids, field names). */
  audit: Record<string, unknown>;
  surrenderValueFen: number | null;
}

/**
 * Records an endorsement (保全) on a policy: address, beneficiary or payment-method change,
 * surrender, or another change; applies it to the policy and keeps who/when/why with a masked
 * before/after summary. Final policies (surrendered, cancelled, expired) take no endorsements.
 */
export async function recordEndorsement(deps: ModuleDeps, actor: Actor, policyId: string, input: TCreateEndorsementRequest) {
  if (!mayWritePolicies(actor)) throw forbidden('You may not record endorsements');
  if (input.type === 'beneficiary_change') checkBeneficiaries(input.beneficiaries);
  if (input.type === 'payment_method_change') checkBankAccount(input.paymentMethod, input.bankAccount);
  return inTransaction(deps.db, async (tx) => {
    const txDeps = { ...deps, db: tx };
    const policy = await requireVisiblePolicy(txDeps, actor, policyId);
    if (isFinalStatus(policy.status)) {
      throw new DomainError('POLICY_INVALID_STATUS_CHANGE', `A ${policy.status} policy takes no endorsements`, [{ field: 'body.type', message: `policy is ${policy.status}`, rule: 'wrong_status', params: { status: policy.status } }]);
    }
    if (policy.version !== input.version) throw versionConflict('Policy');
    const change = await applyChange(txDeps, tx, actor, policy, input);
    const id = newId();
    await insertEndorsements(tx, [
      {
        customer_id: policy.customer_id,
        id,
        policy_id: policy.id,
        type: input.type,
        effective_on: input.effectiveOn,
        reason: input.reason,
        summary: change.summary,
        details: JSON.stringify(change.details),
        surrender_value_fen: change.surrenderValueFen,
        created_by: actor.id,
        created_by_name: actor.displayName,
        created_at: new Date(),
      },
    ]);
    await recordAuditEvent(tx, actor, {
      action: 'policy.endorsed',
      entityType: 'policy',
      entityId: policy.id,
      customerId: policy.customer_id,
      data: { endorsementId: id, type: input.type, effectiveOn: input.effectiveOn, ...change.audit },
    });
    return loadPolicyDetail(txDeps, (await findPolicyById(tx, policy.id))!);
  });
}

/** Applies the endorsement's change to the policy row at the version the caller read (409 if it moved on). */
async function updateOnce(tx: Tx, policy: PolicyRow, version: number, patch: Parameters<typeof updatePolicyRow>[3]) {
  if (!(await updatePolicyRow(tx, policy.id, version, patch))) throw versionConflict('Policy');
}

async function applyChange(deps: ModuleDeps, tx: Tx, actor: Actor, policy: PolicyRow, input: TCreateEndorsementRequest): Promise<Change> {
  switch (input.type) {
    case 'address_change': {
      // The address becomes one of the policyholder's contacts (labelled with the policy number);
      // the endorsement keeps it only encrypted, and shows it masked.
      await mergeContacts(deps, actor, policy.customer_id, [{ channel: 'address', value: input.newAddress, label: policy.policy_no }]);
      await updateOnce(tx, policy, input.version, {});
      return {
        summary: `Correspondence address changed to ${maskAddressForSummary(input.newAddress)}`,
        details: { newAddressEnc: deps.cipher.encrypt(input.newAddress), addressMasked: maskAddressForSummary(input.newAddress) },
        audit: { fields: ['address'] },
        surrenderValueFen: null,
      };
    }
    case 'beneficiary_change': {
      for (const [i, b] of input.beneficiaries.entries()) await requireVisibleParty(deps, actor, b.customerId, `body.beneficiaries.${i}.customerId`);
      const before = (await listParties(tx, [policy.id])).filter((p) => p.role === 'beneficiary');
      await deleteBeneficiaries(tx, policy.id);
      const now = new Date();
      await insertParties(
        tx,
        input.beneficiaries.map((b) => ({ policy_id: policy.id, customer_id: b.customerId, role: 'beneficiary' as const, share_pct: b.sharePct, created_at: now })),
      );
      await updateOnce(tx, policy, input.version, {});
      const after = (await listParties(tx, [policy.id])).filter((p) => p.role === 'beneficiary');
      const describe = (list: typeof before) => (list.length === 0 ? 'legal heirs' : list.map((b) => `${b.name} ${b.share_pct}%`).join(', '));
      const shares = (list: typeof before) => list.map((b) => ({ customerId: b.customer_id, sharePct: b.share_pct }));
      const named = (list: typeof before) => list.map((b) => ({ name: b.name, sharePct: b.share_pct }));
      return {
        summary: `Beneficiaries: ${describe(before)} → ${describe(after)}`,
        details: { before: shares(before), after: shares(after), beforeNamed: named(before), afterNamed: named(after) },
        audit: { fields: ['beneficiaries'], before: shares(before), after: shares(after) },
        surrenderValueFen: null,
      };
    }
    case 'payment_method_change': {
      const masked = input.bankAccount ? maskBankAccount(input.bankAccount) : null;
      await updateOnce(tx, policy, input.version, {
        payment_method: input.paymentMethod,
        bank_account_enc: input.bankAccount ? deps.cipher.encrypt(input.bankAccount) : null,
        bank_account_masked: masked,
      });
      return {
        summary: `Payment method: ${policy.payment_method ?? 'not set'} → ${input.paymentMethod}${masked ? ` (account ${masked})` : ''}`,
        details: { from: policy.payment_method, to: input.paymentMethod, bankAccountMasked: masked },
        audit: { fields: input.bankAccount ? ['paymentMethod', 'bankAccount'] : ['paymentMethod'], from: policy.payment_method, to: input.paymentMethod },
        surrenderValueFen: null,
      };
    }
    case 'surrender': {
      const refusal = transitionRefusal(policy.status, 'surrendered', { on: input.effectiveOn, coolingOffEndsOn: policy.cooling_off_ends_on, expiresOn: policy.expires_on });
      if (refusal) throw new DomainError('POLICY_INVALID_STATUS_CHANGE', `Surrender refused: ${refusal.message}`, [fieldProblem('body.type', refusal)]);
      await updateOnce(tx, policy, input.version, {
        status: 'surrendered',
        status_reason: input.reason,
        status_changed_on: input.effectiveOn,
        surrender_value_fen: input.surrenderValueFen,
      });
      await syncLifecycleStages(tx, [policy.id], new Date());
      return {
        summary: `Surrendered on ${input.effectiveOn}; surrender value ${formatYuan(input.surrenderValueFen)}`,
        details: { statusBefore: policy.status, surrenderValueFen: input.surrenderValueFen },
        audit: { status: { from: policy.status, to: 'surrendered' }, surrenderValueFen: input.surrenderValueFen },
        surrenderValueFen: input.surrenderValueFen,
      };
    }
    case 'other': {
      await updateOnce(tx, policy, input.version, {});
      return { summary: input.description, details: { description: input.description }, audit: { fields: [] }, surrenderValueFen: null };
    }
  }
}
