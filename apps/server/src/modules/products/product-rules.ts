import type { TProductLine } from '@anxin/contracts';

/**
 * Default cooling-off (犹豫期) days by product line when a product does not say: long-term life,
 * critical-illness and annuity contracts give the policyholder 15 days to cancel with a full
 * refund (the common market practice for personal insurance over one year); short-term health,
 * accident, motor, property and liability cover has none.
 */
export const DEFAULT_COOLING_OFF_DAYS: Record<TProductLine, number> = {
  life: 15,
  critical_illness: 15,
  annuity: 15,
  medical: 0,
  accident: 0,
  motor_compulsory: 0,
  motor_commercial: 0,
  property: 0,
  liability: 0,
};

/** Index of the first repeated code in a list of `{ code }` items, or -1. */
export function firstDuplicateCode(items: readonly { code: string }[]): number {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.code)) return i;
    seen.add(item.code);
  }
  return -1;
}
