import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { checkBankAccount, checkBeneficiaries, checkPolicyDates, isLicenceValidOn } from './policy-validation.ts';

const A = '01960000-0000-7000-8000-00000000000a';
const B = '01960000-0000-7000-8000-00000000000b';
const C = '01960000-0000-7000-8000-00000000000c';

const errorOf = (work: () => void) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, errors: error.errors };
    throw error;
  }
  return null;
};

describe('beneficiary shares', () => {
  it('accepts shares totalling exactly 100, or no beneficiaries (legal heirs)', () => {
    expect(errorOf(() => checkBeneficiaries([{ customerId: A, sharePct: 50 }, { customerId: B, sharePct: 30 }, { customerId: C, sharePct: 20 }]))).toBeNull();
    expect(errorOf(() => checkBeneficiaries([{ customerId: A, sharePct: 100 }]))).toBeNull();
    expect(errorOf(() => checkBeneficiaries([]))).toBeNull();
  });

  it('refuses other totals and a beneficiary named twice', () => {
    expect(errorOf(() => checkBeneficiaries([{ customerId: A, sharePct: 33 }, { customerId: B, sharePct: 33 }, { customerId: C, sharePct: 33 }]))).toEqual({
      code: 'POLICY_BENEFICIARY_SHARES',
      errors: [{ field: 'body.beneficiaries', message: 'shares total 99%, must be 100%', rule: 'shares_total', params: { total: 99 } }],
    });
    expect(errorOf(() => checkBeneficiaries([{ customerId: A, sharePct: 60 }, { customerId: B, sharePct: 60 }]))?.code).toBe('POLICY_BENEFICIARY_SHARES');
    expect(errorOf(() => checkBeneficiaries([{ customerId: A, sharePct: 50 }, { customerId: A, sharePct: 50 }]))).toEqual({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.beneficiaries.1.customerId', message: 'is already a beneficiary', rule: 'listed_twice' }],
    });
  });
});

describe('dates, bank account, licence', () => {
  it('needs the expiry after the effective date', () => {
    expect(errorOf(() => checkPolicyDates('2026-01-01', '2026-01-02'))).toBeNull();
    expect(errorOf(() => checkPolicyDates('2026-01-01', '2026-01-01'))?.code).toBe('POLICY_INVALID_DATES');
    expect(errorOf(() => checkPolicyDates('2026-01-01', '2025-12-31'))?.errors).toEqual([{ field: 'body.expiresOn', message: 'must be after the effective date 2026-01-01', rule: 'range_reversed' }]);
  });

  it('takes a bank account with auto-debit only', () => {
    expect(errorOf(() => checkBankAccount('auto_debit', '6222021234567890123'))).toBeNull();
    expect(errorOf(() => checkBankAccount('auto_debit', undefined))?.errors).toEqual([{ field: 'body.bankAccount', message: 'is required for auto_debit', rule: 'required' }]);
    expect(errorOf(() => checkBankAccount('cash', '6222021234567890123'))?.code).toBe('VALIDATION_FAILED');
  });

  it('checks the licence on the given date, bounds included', () => {
    const licence = { number: 'L1', validFrom: '2025-01-01', validTo: '2026-12-31' };
    expect(isLicenceValidOn(licence, '2025-01-01')).toBe(true);
    expect(isLicenceValidOn(licence, '2026-12-31')).toBe(true);
    expect(isLicenceValidOn(licence, '2027-01-01')).toBe(false);
    expect(isLicenceValidOn({ number: null, validFrom: null, validTo: null }, '2026-01-01')).toBe(false);
  });
});
