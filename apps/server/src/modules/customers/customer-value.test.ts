import { describe, expect, it } from 'vitest';
import { valueFigures } from './customer360.service.ts';

describe('valueFigures: tenure', () => {
  it('counts from the day of creation in Shanghai when there is no policy (04:27 on 1 December there is 20:27 UTC on 30 November)', () => {
    const value = valueFigures({}, new Date('2026-11-30T20:27:00Z'), '2026-12-01');
    expect(value).toMatchObject({ tenureSince: '2026-12-01', tenureYears: 0, tenureMonths: 0 });
  });

  it('counts from the first policy, in whole months', () => {
    expect(valueFigures({ firstPolicyOn: '2024-03-15' }, new Date('2020-01-01T00:00:00Z'), '2026-03-14')).toMatchObject({ tenureSince: '2024-03-15', tenureYears: 1, tenureMonths: 11 });
    expect(valueFigures({ firstPolicyOn: '2024-03-15' }, new Date('2020-01-01T00:00:00Z'), '2026-03-15')).toMatchObject({ tenureYears: 2, tenureMonths: 0 });
  });
});
