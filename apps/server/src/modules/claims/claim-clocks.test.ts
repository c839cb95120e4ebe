import { describe, expect, it } from 'vitest';
import { checkBreach, type ClockRule, pauseClock, resumeClock, startClock, stopClock, viewClock } from './claim-clocks.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const rule: ClockRule = { days: 30, warnDays: 5, source: '保险法 第二十三条', version: 2 };
/** The fake clock: every "now" is a fixed instant relative to the start. */
const t0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('claim clocks', () => {
  it('starts a 30-day clock due exactly 30 × 24 h later, running', () => {
    const clock = startClock('determination', rule, t0);
    expect(clock.startedAt).toEqual(t0);
    expect(clock.dueAt.getTime() - t0.getTime()).toBe(30 * 24 * HOUR);
    expect(clock.dueAt.toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(clock).toMatchObject({ kind: 'determination', pausedAt: null, stoppedAt: null, breachedAt: null, rule });
    expect(viewClock(clock, t0)).toEqual({
      kind: 'determination',
      startedAt: '2026-03-01T08:00:00.000Z',
      dueAt: '2026-03-31T08:00:00.000Z',
      state: 'running',
      warning: false,
      remainingMs: 30 * DAY,
      stoppedAt: null,
      breachedAt: null,
      rule: { days: 30, source: '保险法 第二十三条', version: 2 },
      dueHoliday: null,
    });
  });

  it('flags a deadline that falls on a public holiday (Shanghai date), but not once the clock has stopped', () => {
    // Registered on 1 September 2026 at 10:00 Shanghai time: 30 days later is 1 October, National Day.
    const clock = startClock('determination', rule, new Date('2026-09-01T02:00:00.000Z'));
    expect(viewClock(clock, new Date('2026-09-02T00:00:00.000Z')).dueHoliday).toEqual({ name: 'National Day', nameZh: '国庆节' });
    expect(viewClock(stopClock(clock, new Date('2026-09-20T00:00:00.000Z')), new Date('2026-09-21T00:00:00.000Z')).dueHoliday).toBeNull();
    expect(viewClock(startClock('determination', rule, t0), t0).dueHoliday).toBeNull();
  });

  it('pausing for 5 days then resuming moves the deadline 5 days', () => {
    const started = startClock('determination', rule, t0);
    const paused = pauseClock(started, at(10 * DAY));
    expect(paused.pausedAt).toEqual(at(10 * DAY));
    expect(paused.dueAt).toEqual(started.dueAt);
    const resumed = resumeClock(paused, at(15 * DAY));
    expect(resumed.pausedAt).toBeNull();
    expect(resumed.dueAt.getTime() - started.dueAt.getTime()).toBe(5 * DAY);
    expect(resumed.dueAt).toEqual(at(35 * DAY));
    // The clock was not mutated in place.
    expect(started.pausedAt).toBeNull();
    expect(paused.dueAt).toEqual(at(30 * DAY));
  });

  it('a paused clock does not breach: state paused, remainingMs frozen', () => {
    const paused = pauseClock(startClock('determination', rule, t0), at(20 * DAY));
    const early = viewClock(paused, at(21 * DAY));
    const late = viewClock(paused, at(60 * DAY)); // long after the original deadline
    for (const view of [early, late]) {
      expect(view.state).toBe('paused');
      expect(view.remainingMs).toBe(10 * DAY);
      expect(view.warning).toBe(false);
      expect(view.breachedAt).toBeNull();
    }
    expect(checkBreach(paused, at(60 * DAY))).toBe(paused);
    // Resumed after 40 days paused: 10 days still left.
    const resumed = resumeClock(paused, at(60 * DAY));
    expect(viewClock(resumed, at(60 * DAY))).toMatchObject({ state: 'running', remainingMs: 10 * DAY, warning: false });
  });

  it('warns while running within the warning days, not before', () => {
    const clock = startClock('determination', rule, t0);
    expect(viewClock(clock, at(25 * DAY - 1)).warning).toBe(false); // 5 days and 1 ms left
    expect(viewClock(clock, at(25 * DAY)).warning).toBe(true); // exactly 5 days left
    expect(viewClock(clock, at(29 * DAY)).warning).toBe(true);
    expect(viewClock(clock, at(30 * DAY))).toMatchObject({ state: 'running', warning: true, remainingMs: 0 });
    // Overdue is no longer a warning but a breach.
    expect(viewClock(clock, at(30 * DAY + 1))).toMatchObject({ state: 'breached', warning: false, remainingMs: -1, breachedAt: '2026-03-31T08:00:00.000Z' });
    // A paused clock inside the warning window does not warn.
    expect(viewClock(pauseClock(clock, at(27 * DAY)), at(27 * DAY)).warning).toBe(false);
  });

  it('stopped before (or at) the deadline → met', () => {
    const clock = startClock('payment', { ...rule, days: 10 }, t0);
    const stopped = stopClock(clock, at(9 * DAY));
    expect(stopped).toMatchObject({ stoppedAt: at(9 * DAY), breachedAt: null });
    expect(viewClock(stopped, at(50 * DAY))).toMatchObject({ state: 'met', warning: false, remainingMs: null, stoppedAt: at(9 * DAY).toISOString(), breachedAt: null });
    expect(viewClock(stopClock(clock, at(10 * DAY)), at(10 * DAY)).state).toBe('met');
  });

  it('stopped after the deadline → breached, breachedAt = dueAt', () => {
    const clock = startClock('payment', { ...rule, days: 10 }, t0);
    const stopped = stopClock(clock, at(12 * DAY));
    expect(stopped.breachedAt).toEqual(clock.dueAt);
    expect(viewClock(stopped, at(12 * DAY))).toMatchObject({ state: 'breached', remainingMs: null, breachedAt: clock.dueAt.toISOString(), stoppedAt: at(12 * DAY).toISOString() });
  });

  it('a paused clock stops where it paused (paused time does not count)', () => {
    const paused = pauseClock(startClock('determination', rule, t0), at(20 * DAY));
    const stopped = stopClock(paused, at(45 * DAY));
    expect(stopped.pausedAt).toBeNull();
    expect(stopped.breachedAt).toBeNull();
    expect(viewClock(stopped, at(45 * DAY)).state).toBe('met');
  });

  it('a clock already marked breached stays breached when stopped', () => {
    const swept = checkBreach(startClock('determination', rule, t0), at(31 * DAY));
    const stopped = stopClock(swept, at(40 * DAY));
    expect(stopped.breachedAt).toEqual(at(30 * DAY));
    expect(viewClock(stopped, at(40 * DAY)).state).toBe('breached');
  });

  it('checkBreach marks only running overdue clocks', () => {
    const running = startClock('determination', rule, t0);
    expect(checkBreach(running, at(29 * DAY))).toBe(running);
    expect(checkBreach(running, at(30 * DAY))).toBe(running); // at the deadline is still in time
    const swept = checkBreach(running, at(30 * DAY + 1));
    expect(swept.breachedAt).toEqual(running.dueAt);
    expect(swept.stoppedAt).toBeNull();
    expect(viewClock(swept, at(31 * DAY))).toMatchObject({ state: 'breached', breachedAt: running.dueAt.toISOString() });
    // Already breached: unchanged (breachedAt not moved).
    expect(checkBreach(swept, at(40 * DAY))).toBe(swept);
    // Paused: unchanged even long after the original deadline.
    const paused = pauseClock(running, at(5 * DAY));
    expect(checkBreach(paused, at(60 * DAY))).toBe(paused);
    // Stopped in time: unchanged.
    const stopped = stopClock(running, at(5 * DAY));
    expect(checkBreach(stopped, at(60 * DAY))).toBe(stopped);
  });

  it('double stop and double pause are no-ops; resume of a running clock is a no-op', () => {
    const running = startClock('determination', rule, t0);
    const stopped = stopClock(running, at(3 * DAY));
    expect(stopClock(stopped, at(40 * DAY))).toBe(stopped);
    const paused = pauseClock(running, at(3 * DAY));
    expect(pauseClock(paused, at(8 * DAY))).toBe(paused);
    expect(resumeClock(running, at(8 * DAY))).toBe(running);
    // A stopped clock cannot be paused or resumed.
    expect(pauseClock(stopped, at(8 * DAY))).toBe(stopped);
    expect(resumeClock(stopClock(paused, at(8 * DAY)), at(9 * DAY)).dueAt).toEqual(at(35 * DAY));
  });
});
