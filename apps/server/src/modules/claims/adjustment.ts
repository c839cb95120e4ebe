import type { TAdjustmentLineInput } from '@anxin/contracts';

/**
 * The payable amount of one adjustment line, in integer fen: what is claimed, less what is not
 * covered and the deductible (never below zero), times the reimbursement ratio (rounded down to
 * the fen), capped at the line's limit.
 */
export function payableFen(line: Pick<TAdjustmentLineInput, 'claimedFen' | 'excludedFen' | 'deductibleFen' | 'ratioPct' | 'limitFen'>): number {
  const base = Math.max(0, line.claimedFen - line.excludedFen - line.deductibleFen);
  const reimbursed = Math.floor((base * line.ratioPct) / 100);
  return line.limitFen === null ? reimbursed : Math.min(reimbursed, line.limitFen);
}

/** The highest amount a caller with these roles may approve (null = no limit; 0 = may not approve). */
export function approvalLimitFen(roles: readonly string[], authority: Record<string, number | null>): number | null {
  let best: number | null = 0;
  for (const role of roles) {
    if (!Object.hasOwn(authority, role)) continue;
    const limit = authority[role]!;
    if (limit === null) return null;
    best = best === null ? null : Math.max(best, limit);
  }
  return best;
}
