import type { TClaimClock, TClaimClockKind } from '@anxin/contracts';
import { publicHolidayAt } from '../../platform/business-calendar.ts';

const DAY_MS = 86_400_000;

/** A rule for one clock (from claim_clock_rule): calendar days, warning days, legal source, version. */
export interface ClockRule {
  days: number;
  warnDays: number;
  source: string;
  version: number;
}

/** A clock as stored: due_at already includes the time spent paused so far. */
export interface ClockState {
  kind: TClaimClockKind;
  startedAt: Date;
  dueAt: Date;
  pausedAt: Date | null;
  stoppedAt: Date | null;
  breachedAt: Date | null;
  rule: ClockRule;
}

export function startClock(kind: TClaimClockKind, rule: ClockRule, now: Date): ClockState {
  return { kind, startedAt: now, dueAt: new Date(now.getTime() + rule.days * DAY_MS), pausedAt: null, stoppedAt: null, breachedAt: null, rule };
}

/** Pauses a running clock (waiting on the customer). A paused or stopped clock is unchanged. */
export function pauseClock(clock: ClockState, now: Date): ClockState {
  if (clock.stoppedAt || clock.pausedAt) return clock;
  return { ...clock, pausedAt: now };
}

/** Resumes a paused clock: the deadline moves out by the time it was paused. */
export function resumeClock(clock: ClockState, now: Date): ClockState {
  if (clock.stoppedAt || !clock.pausedAt) return clock;
  return { ...clock, dueAt: new Date(clock.dueAt.getTime() + Math.max(0, now.getTime() - clock.pausedAt.getTime())), pausedAt: null };
}

/** Stops a clock; it is breached if it stops after its deadline (a paused clock stops where it paused). */
export function stopClock(clock: ClockState, now: Date): ClockState {
  if (clock.stoppedAt) return clock;
  const resumed = resumeClock(clock, now);
  const breachedAt = clock.breachedAt ?? (now > resumed.dueAt ? resumed.dueAt : null);
  return { ...resumed, stoppedAt: now, breachedAt };
}

/** Marks a running clock breached once its deadline has passed (the sweep); otherwise unchanged. */
export function checkBreach(clock: ClockState, now: Date): ClockState {
  if (clock.stoppedAt || clock.pausedAt || clock.breachedAt || now <= clock.dueAt) return clock;
  return { ...clock, breachedAt: clock.dueAt };
}

/** How a clock looks at `now`: state, warning (running, within the warning days), time left. */
export function viewClock(clock: ClockState, now: Date): TClaimClock {
  const effectiveNow = clock.pausedAt ?? now;
  const remainingMs = clock.stoppedAt ? null : clock.dueAt.getTime() - effectiveNow.getTime();
  const breached = clock.breachedAt !== null || (remainingMs !== null && remainingMs < 0);
  const state = clock.stoppedAt ? (breached ? 'breached' : 'met') : breached ? 'breached' : clock.pausedAt ? 'paused' : 'running';
  return {
    kind: clock.kind,
    startedAt: clock.startedAt.toISOString(),
    dueAt: clock.dueAt.toISOString(),
    state,
    warning: state === 'running' && remainingMs !== null && remainingMs <= clock.rule.warnDays * DAY_MS,
    remainingMs,
    stoppedAt: clock.stoppedAt?.toISOString() ?? null,
    breachedAt: (clock.breachedAt ?? (breached && !clock.stoppedAt ? clock.dueAt : null))?.toISOString() ?? null,
    rule: { days: clock.rule.days, source: clock.rule.source, version: clock.rule.version },
    // Calendar-day clocks ignore holidays, but a deadline on one is shown with a warning.
    dueHoliday: clock.stoppedAt ? null : publicHolidayAt(clock.dueAt),
  };
}
