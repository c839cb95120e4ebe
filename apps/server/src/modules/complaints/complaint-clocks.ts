import type { TComplaintClock, TComplaintTier } from '@anxin/contracts';

const DAY_MS = 86_400_000;

/** Days allowed for the decision at each extension level (CBIRC order 2020 No. 3): 15, then 30, then 60. */
export const DECISION_DAYS = [15, 30, 60] as const;
/** Days for the review (核查) of a disputed decision. */
export const REVIEW_DAYS = 30;
/** A clock warns (and a city-level complaint moves up to the province) this many days before its deadline. */
export const WARNING_DAYS = 3;

/** The decision deadline for an extension level, counted from receipt in calendar days. */
export const decisionDueAt = (receivedAt: Date, extensionLevel: number) => new Date(receivedAt.getTime() + DECISION_DAYS[Math.min(extensionLevel, 2)]! * DAY_MS);
export const reviewDueAt = (disputedAt: Date) => new Date(disputedAt.getTime() + REVIEW_DAYS * DAY_MS);

/** How a clock looks now: running (with a warning inside the last days), met, or breached. */
export function viewComplaintClock(kind: 'decision' | 'review', dueAt: Date, days: number, stoppedAt: Date | null, now: Date): TComplaintClock {
  const end = stoppedAt ?? now;
  const remaining = dueAt.getTime() - end.getTime();
  const breached = remaining < 0;
  return {
    kind,
    dueAt: dueAt.toISOString(),
    days,
    state: stoppedAt ? (breached ? 'breached' : 'met') : breached ? 'breached' : 'running',
    warning: !stoppedAt && !breached && remaining <= WARNING_DAYS * DAY_MS,
    remainingMs: stoppedAt ? null : remaining,
  };
}

/** The tier an org unit belongs to: outlets and cities are the city tier. */
export const tierOfLevel = (level: 'hq' | 'province' | 'city' | 'outlet'): TComplaintTier => (level === 'hq' ? 'hq' : level === 'province' ? 'province' : 'city');

/** Why a complaint starts above the city branch: severity, a collective complaint or a regulator transfer (K1, three tiers). */
export function startsAtProvince(input: { severity: string; collective: boolean; channel: string }): string | null {
  if (input.channel === 'regulator') return 'regulator_transfer';
  if (input.collective) return 'collective';
  if (input.severity === 'critical') return 'severity';
  return null;
}
