import type { TSatisfactionFigures } from '@anxin/contracts';

/** Counts a group's answers arrive in (from SQL): NPS answers by band, CSAT answers and their sum. */
export interface SatisfactionCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  csatResponses: number;
  csatSum: number;
  csatSatisfied: number;
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/**
 * NPS = % promoters (9–10) − % detractors (0–6) of the NPS answers, −100…100, one decimal;
 * CSAT = mean score (two decimals) and % of answers that are 4 or 5 (one decimal). Null without answers.
 */
export function satisfactionFigures(key: string, label: string, c: SatisfactionCounts): TSatisfactionFigures {
  const npsResponses = c.promoters + c.passives + c.detractors;
  return {
    key,
    label,
    responses: c.responses,
    npsResponses,
    promoters: c.promoters,
    passives: c.passives,
    detractors: c.detractors,
    nps: npsResponses === 0 ? null : round(((c.promoters - c.detractors) * 100) / npsResponses, 1),
    csatResponses: c.csatResponses,
    csatAverage: c.csatResponses === 0 ? null : round(c.csatSum / c.csatResponses, 2),
    csatSatisfiedPct: c.csatResponses === 0 ? null : round((c.csatSatisfied * 100) / c.csatResponses, 1),
  };
}
