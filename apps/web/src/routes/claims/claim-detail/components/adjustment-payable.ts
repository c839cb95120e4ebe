import type { TAdjustmentLineInput, TClaim } from '@anxin/contracts';
import { fenToYuanText, parseYuanToFen } from '../../../../format.ts';

type PayableInputs = Pick<TAdjustmentLineInput, 'claimedFen' | 'excludedFen' | 'deductibleFen' | 'ratioPct' | 'limitFen'>;

/**
 * What one adjustment line pays, as the server computes it: what is claimed, less what is not
 * covered and the deductible (never below zero), times the ratio (rounded down to the fen), capped by the limit.
 */
export function payableFenOf(line: PayableInputs): number {
  const base = Math.max(0, line.claimedFen - line.excludedFen - line.deductibleFen);
  const payable = Math.floor((base * line.ratioPct) / 100);
  return line.limitFen === null ? payable : Math.min(line.limitFen, payable);
}

/** One adjustment line as typed: amounts in yuan. */
export interface AdjustmentLineValues {
  coverageCode?: string;
  description?: string;
  claimed?: string;
  excluded?: string;
  deductible?: string;
  ratioPct?: number | null;
  /** Empty for no limit. */
  limit?: string;
  reason?: string;
}

const fen = (text: string | undefined) => parseYuanToFen(text ?? '') ?? 0;

/** A typed line as the API takes it (incomplete values count as zero, so the live total never breaks). */
export function lineInputOf(v: AdjustmentLineValues): TAdjustmentLineInput {
  return {
    coverageCode: v.coverageCode?.trim() ?? '',
    description: v.description?.trim() ?? '',
    claimedFen: fen(v.claimed),
    excludedFen: fen(v.excluded),
    deductibleFen: fen(v.deductible),
    ratioPct: v.ratioPct ?? 100,
    limitFen: v.limit?.trim() ? fen(v.limit) : null,
    reason: v.reason?.trim() ?? '',
  };
}

/** The lines to start editing from: the saved adjustment, or one line for the whole amount claimed. */
export function initialLinesOf(claim: TClaim): AdjustmentLineValues[] {
  if (claim.adjustment.length === 0) return [{ claimed: fenToYuanText(claim.amountClaimedFen), excluded: '0.00', deductible: '0.00', ratioPct: 100 }];
  return claim.adjustment.map((l) => ({
    coverageCode: l.coverageCode,
    description: l.description,
    claimed: fenToYuanText(l.claimedFen),
    excluded: fenToYuanText(l.excludedFen),
    deductible: fenToYuanText(l.deductibleFen),
    ratioPct: l.ratioPct,
    limit: l.limitFen === null ? '' : fenToYuanText(l.limitFen),
    reason: l.reason,
  }));
}
