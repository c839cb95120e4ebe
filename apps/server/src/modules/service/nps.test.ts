import { describe, expect, it } from 'vitest';
import { satisfactionFigures } from './nps.ts';

describe('NPS and CSAT arithmetic', () => {
  it('NPS = % promoters − % detractors of the NPS answers, one decimal', () => {
    // 5 promoters, 2 passives, 3 detractors: 50% − 30% = 20.
    const f = satisfactionFigures('k', 'l', { responses: 10, promoters: 5, passives: 2, detractors: 3, csatResponses: 4, csatSum: 15, csatSatisfied: 3 });
    expect(f).toMatchObject({ npsResponses: 10, nps: 20, csatAverage: 3.75, csatSatisfiedPct: 75 });
  });

  it('rounds to one decimal (1 of 3 promoters, none detracting = 33.3) and runs from −100 to 100', () => {
    expect(satisfactionFigures('k', 'l', { responses: 3, promoters: 1, passives: 2, detractors: 0, csatResponses: 3, csatSum: 13, csatSatisfied: 2 })).toMatchObject({ nps: 33.3, csatAverage: 4.33, csatSatisfiedPct: 66.7 });
    expect(satisfactionFigures('k', 'l', { responses: 2, promoters: 0, passives: 0, detractors: 2, csatResponses: 0, csatSum: 0, csatSatisfied: 0 }).nps).toBe(-100);
    expect(satisfactionFigures('k', 'l', { responses: 2, promoters: 2, passives: 0, detractors: 0, csatResponses: 0, csatSum: 0, csatSatisfied: 0 }).nps).toBe(100);
  });

  it('has no figures without answers (not zero)', () => {
    expect(satisfactionFigures('k', 'l', { responses: 0, promoters: 0, passives: 0, detractors: 0, csatResponses: 0, csatSum: 0, csatSatisfied: 0 })).toMatchObject({ nps: null, csatAverage: null, csatSatisfiedPct: null });
  });
});
