// Pure checks on policy input, shared by entry and endorsements; unit-tested in policy-validation.test.ts.
import type { TBeneficiaryInput } from '@anxin/contracts';
import { DomainError, fieldError, rule } from '../../platform/errors.ts';

/**
 * Beneficiaries: each customer once, shares in whole percent totalling exactly 100. An empty list
 * is allowed: the death benefit then goes to the legal heirs (法定受益人).
 */
export function checkBeneficiaries(beneficiaries: readonly TBeneficiaryInput[], field = 'body.beneficiaries') {
  if (beneficiaries.length === 0) return;
  const seen = new Set<string>();
  for (const [i, b] of beneficiaries.entries()) {
    if (seen.has(b.customerId)) throw new DomainError('VALIDATION_FAILED', 'A beneficiary is named twice', [{ field: `${field}.${i}.customerId`, message: 'is already a beneficiary', rule: 'listed_twice' }]);
    seen.add(b.customerId);
  }
  const total = beneficiaries.reduce((sum, b) => sum + b.sharePct, 0);
  if (total !== 100) {
    throw new DomainError('POLICY_BENEFICIARY_SHARES', `Beneficiary shares total ${total}%; they must total exactly 100%`, [
      { field, message: `shares total ${total}%, must be 100%`, rule: 'shares_total', params: { total } },
    ]);
  }
}

/** The expiry date must fall after the effective date. */
export function checkPolicyDates(effectiveOn: string, expiresOn: string, field = 'body.expiresOn') {
  if (expiresOn <= effectiveOn) {
    throw new DomainError('POLICY_INVALID_DATES', `The expiry date ${expiresOn} must be after the effective date ${effectiveOn}`, [
      { field, message: `must be after the effective date ${effectiveOn}`, rule: 'range_reversed' },
    ]);
  }
}

/** A bank account goes with auto-debit, and auto-debit needs one. */
export function checkBankAccount(paymentMethod: string | null | undefined, bankAccount: string | undefined, field = 'body.bankAccount') {
  if (paymentMethod === 'auto_debit' && !bankAccount) throw fieldError(field, rule('required', 'is required for auto_debit'));
  if (paymentMethod !== 'auto_debit' && bankAccount) throw fieldError(field, rule('bank_account_auto_debit_only', 'is only taken with the auto_debit payment method'));
}

/** Each insured person once. */
export function checkInsured(insuredIds: readonly string[]) {
  const seen = new Set<string>();
  for (const [i, id] of insuredIds.entries()) {
    if (seen.has(id)) throw new DomainError('VALIDATION_FAILED', 'An insured person is named twice', [{ field: `body.insuredIds.${i}`, message: 'is already insured on this policy', rule: 'listed_twice' }]);
    seen.add(id);
  }
}

/** Does a practising licence (valid from/to) cover `on`? */
export const isLicenceValidOn = (licence: { number: string | null; validFrom: string | null; validTo: string | null }, on: string) =>
  Boolean(licence.number && licence.validFrom && licence.validTo && licence.validFrom <= on && on <= licence.validTo);
