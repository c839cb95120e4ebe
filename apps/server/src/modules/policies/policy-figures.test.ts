import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './policy-dates.ts';
import { annualisedPremiumFen, computePolicyFigures, coverageByLine, earnedPremiumFen, INSTALMENT_MONTHS, premiumPaidFen, termPremiumFen, termYears, type FigurePolicy } from './policy-figures.ts';

const today = '2026-06-15';
const base = { sumInsuredFen: 0, statusChangedOn: null, roles: ['applicant', 'insured'] } as const;
const policies: Record<string, FigurePolicy> = {
  // 20-year CI, annual premium ¥5,000: instalments 2024-03-01, 2025-03-01, 2026-03-01 are due by today.
  ci: { ...base, status: 'in_force', line: 'critical_illness', premiumFen: 500_000, sumInsuredFen: 50_000_000, paymentFrequency: 'annual', effectiveOn: '2024-03-01', expiresOn: '2044-03-01' },
  // One-year medical, ¥200 a month from 31 Jan: due 31 Jan, 28 Feb, 31 Mar, 30 Apr, 31 May.
  medical: { ...base, status: 'in_force', line: 'medical', premiumFen: 20_000, sumInsuredFen: 200_000_000, paymentFrequency: 'monthly', effectiveOn: '2026-01-31', expiresOn: '2027-01-31' },
  motor: { ...base, status: 'expired', line: 'motor_commercial', premiumFen: 450_000, paymentFrequency: 'single', effectiveOn: '2025-01-10', expiresOn: '2026-01-10' },
  lapsedLife: { ...base, status: 'lapsed', line: 'life', premiumFen: 300_000, paymentFrequency: 'annual', effectiveOn: '2023-05-01', expiresOn: '2043-05-01', statusChangedOn: '2025-07-01' },
  cancelled: { ...base, status: 'cancelled', line: 'accident', premiumFen: 10_000, paymentFrequency: 'single', effectiveOn: '2026-05-01', expiresOn: '2027-05-01', statusChangedOn: '2026-05-05' },
  annuity: { ...base, status: 'surrendered', line: 'annuity', premiumFen: 10_000_000, paymentFrequency: 'single', effectiveOn: '2022-01-01', expiresOn: '2032-01-01', statusChangedOn: '2026-01-01' },
  // Insured only (a parent pays): cover and tenure, no money figures.
  insuredOnly: { ...base, roles: ['insured'], status: 'in_force', line: 'life', premiumFen: 800_000, sumInsuredFen: 100_000_000, paymentFrequency: 'annual', effectiveOn: '2020-08-08', expiresOn: '2060-08-08' },
  pending: { ...base, roles: ['applicant'], status: 'pending', line: 'property', premiumFen: 99_900, paymentFrequency: 'single', effectiveOn: '2019-01-01', expiresOn: '2020-01-01' },
};

describe('date arithmetic', () => {
  it('adds months clamped to month ends, days across leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
    expect(daysBetween('2024-03-01', '2044-03-01')).toBe(7305);
  });
});

describe('policy figures', () => {
  it('annualises by frequency; a single premium is spread over whole years of cover', () => {
    expect(annualisedPremiumFen(policies.ci!)).toBe(500_000);
    expect(annualisedPremiumFen(policies.medical!)).toBe(240_000);
    expect(annualisedPremiumFen({ ...policies.ci!, paymentFrequency: 'quarterly' })).toBe(2_000_000);
    expect(annualisedPremiumFen({ ...policies.ci!, paymentFrequency: 'semi_annual' })).toBe(1_000_000);
    expect(termYears(policies.motor!)).toBe(1);
    expect(annualisedPremiumFen(policies.motor!)).toBe(450_000);
    expect(termYears(policies.annuity!)).toBe(10);
    expect(annualisedPremiumFen(policies.annuity!)).toBe(1_000_000);
  });

  it('estimates premium paid: instalments due up to today (in force) or the status date', () => {
    expect(premiumPaidFen(policies.ci!, today)).toBe(1_500_000);
    expect(premiumPaidFen(policies.medical!, today)).toBe(100_000);
    expect(premiumPaidFen(policies.motor!, today)).toBe(450_000);
    expect(premiumPaidFen(policies.lapsedLife!, today)).toBe(900_000);
    expect(premiumPaidFen(policies.cancelled!, today)).toBe(0);
    expect(premiumPaidFen(policies.annuity!, today)).toBe(10_000_000);
    expect(premiumPaidFen(policies.pending!, today)).toBe(0);
  });

  it('earns premium pro rata to elapsed cover, never more than paid', () => {
    // 20 × ¥5,000 × 836 / 7305 days.
    expect(earnedPremiumFen(policies.ci!, today)).toBe(1_144_422);
    // 12 × ¥200 × 135 / 365 days.
    expect(earnedPremiumFen(policies.medical!, today)).toBe(88_767);
    expect(earnedPremiumFen(policies.motor!, today)).toBe(450_000);
    // 20 × ¥3,000 × 792 / 7305 days (lapsed on 2025-07-01).
    expect(earnedPremiumFen(policies.lapsedLife!, today)).toBe(650_513);
    // ¥100,000 × 1461 / 3652 days (surrendered after four years).
    expect(earnedPremiumFen(policies.annuity!, today)).toBe(4_000_548);
    expect(earnedPremiumFen(policies.cancelled!, today)).toBe(0);
  });

  it('sums the money figures over policies the customer holds; tenure from the first policy in any role', () => {
    expect(computePolicyFigures(Object.values(policies), today)).toEqual({
      policiesInForce: 2,
      annualPremiumFen: 740_000,
      lifetimePremiumFen: 12_950_000,
      earnedPremiumFen: 6_334_250,
      firstPolicyOn: '2020-08-08',
    });
    expect(computePolicyFigures([], today)).toEqual({ policiesInForce: 0, annualPremiumFen: 0, lifetimePremiumFen: 0, earnedPremiumFen: 0, firstPolicyOn: null });
  });

  it('summarises in-force cover as insured by line and lists the uncovered lines', () => {
    expect(coverageByLine(Object.values(policies))).toEqual({
      coverageByLine: [
        { line: 'life', policiesInForce: 1, sumInsuredFen: 100_000_000 },
        { line: 'critical_illness', policiesInForce: 1, sumInsuredFen: 50_000_000 },
        { line: 'medical', policiesInForce: 1, sumInsuredFen: 200_000_000 },
      ],
      uncoveredLines: ['accident', 'annuity', 'motor_compulsory', 'motor_commercial', 'property', 'liability'],
    });
  });

  it('counts instalments as walking them one by one would, month ends and long monthly terms included', () => {
    // The definition: instalment k falls due k × the interval after the effective date; count those
    // before the expiry date and before (or, in force, on) the end of cover.
    const walk = (p: FigurePolicy, end: string, inclusive: boolean) => {
      const months = INSTALMENT_MONTHS[p.paymentFrequency];
      if (months === 0) return 1;
      let count = 0;
      for (let due = p.effectiveOn; due < p.expiresOn && (inclusive ? due <= end : due < end); due = addMonths(p.effectiveOn, ++count * months));
      return count;
    };
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 3000; i++) {
      const effectiveOn = addDays('2000-01-01', random(30 * 365));
      const expiresOn = addDays(effectiveOn, 1 + random(25 * 365));
      const day = addDays('1999-01-01', random(60 * 365));
      const paymentFrequency = (['single', 'annual', 'semi_annual', 'quarterly', 'monthly'] as const)[random(5)]!;
      const inForce: FigurePolicy = { ...base, status: 'in_force', line: 'life', premiumFen: 100, paymentFrequency, effectiveOn, expiresOn };
      const lapsed: FigurePolicy = { ...inForce, status: 'lapsed', statusChangedOn: day };
      const end = day < expiresOn ? day : expiresOn;
      expect(premiumPaidFen(inForce, day)).toBe(100 * walk(inForce, end, true));
      expect(premiumPaidFen(lapsed, day)).toBe(100 * walk(lapsed, end, false));
      expect(termPremiumFen(inForce)).toBe(100 * walk(inForce, expiresOn, false));
    }
  });
});
