import { describe, expect, it } from 'vitest';
import { approvalLimitFen, payableFen } from './adjustment.ts';

const line = (change: Partial<Parameters<typeof payableFen>[0]> = {}) => ({ claimedFen: 10_000, excludedFen: 0, deductibleFen: 0, ratioPct: 100, limitFen: null, ...change });

describe('payableFen', () => {
  it('pays the full claim with no exclusions, deductible or limit', () => {
    expect(payableFen(line())).toBe(10_000);
    expect(payableFen(line({ claimedFen: 0 }))).toBe(0);
  });

  it('pays nothing (never below zero) when the deductible exceeds the claim', () => {
    expect(payableFen(line({ claimedFen: 5_000, deductibleFen: 10_000 }))).toBe(0);
    expect(payableFen(line({ claimedFen: 5_000, excludedFen: 3_000, deductibleFen: 3_000, ratioPct: 80 }))).toBe(0);
    expect(payableFen(line({ claimedFen: 5_000, deductibleFen: 5_000 }))).toBe(0);
  });

  it('rounds the ratio down to the fen', () => {
    expect(payableFen(line({ claimedFen: 333, ratioPct: 50 }))).toBe(166);
    expect(payableFen(line({ claimedFen: 999, ratioPct: 33 }))).toBe(329); // 329.67
    expect(payableFen(line({ claimedFen: 1, ratioPct: 99 }))).toBe(0);
    expect(payableFen(line({ claimedFen: 10_000, ratioPct: 0 }))).toBe(0);
  });

  it('caps at the line limit', () => {
    expect(payableFen(line({ claimedFen: 100_000, ratioPct: 90, limitFen: 50_000 }))).toBe(50_000);
    expect(payableFen(line({ claimedFen: 100_000, ratioPct: 40, limitFen: 50_000 }))).toBe(40_000);
    expect(payableFen(line({ claimedFen: 100_000, limitFen: 0 }))).toBe(0);
  });

  it('takes out the excluded amount and the deductible before applying the ratio', () => {
    // (10,000 − 2,000 excluded − 1,000 deductible) × 80% = 5,600 (not 10,000 × 80% − 3,000 = 5,000).
    expect(payableFen(line({ claimedFen: 10_000, excludedFen: 2_000, deductibleFen: 1_000, ratioPct: 80 }))).toBe(5_600);
    // Everything excluded: the deductible has nothing left to apply to.
    expect(payableFen(line({ claimedFen: 10_000, excludedFen: 10_000, deductibleFen: 1_000 }))).toBe(0);
  });

  it('applies the limit after the ratio', () => {
    // 20,000 × 60% = 12,000, capped at 10,000.
    expect(payableFen(line({ claimedFen: 20_000, ratioPct: 60, limitFen: 10_000 }))).toBe(10_000);
    // 15,000 × 60% = 9,000 is under the limit of 10,000 (the limit is not applied to the claim first).
    expect(payableFen(line({ claimedFen: 15_000, ratioPct: 60, limitFen: 10_000 }))).toBe(9_000);
  });
});

describe('approvalLimitFen', () => {
  const authority = { claims_adjuster: 1_000_000, branch_manager: 10_000_000, admin: null };

  it.each<[string[], number | null]>([
    [[], 0],
    [['agent'], 0],
    [['claims_adjuster'], 1_000_000],
    [['branch_manager'], 10_000_000],
    [['claims_adjuster', 'branch_manager'], 10_000_000],
    [['branch_manager', 'claims_adjuster'], 10_000_000],
    [['agent', 'claims_adjuster'], 1_000_000],
    [['admin'], null],
    [['claims_adjuster', 'admin'], null],
    [['admin', 'branch_manager'], null],
  ])('roles %j → %s', (roles, expected) => {
    expect(approvalLimitFen(roles, authority)).toBe(expected);
  });

  it('a role with a zero limit may not approve', () => {
    expect(approvalLimitFen(['claims_adjuster'], { claims_adjuster: 0 })).toBe(0);
    expect(approvalLimitFen(['claims_adjuster'], {})).toBe(0);
  });
});
