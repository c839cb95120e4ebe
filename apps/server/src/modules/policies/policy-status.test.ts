import { POLICY_STATUSES } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { isFinalStatus, POLICY_TRANSITIONS, transitionRefusal } from './policy-status.ts';

// The change is dated on the policy's last day of cover, so that it may expire.
const ctx = { on: '2026-03-10', coolingOffEndsOn: '2026-03-16', expiresOn: '2026-03-10' };

describe('policy status state machine', () => {
  it.each([
    ['pending', 'in_force'],
    ['pending', 'cancelled'],
    ['in_force', 'lapsed'],
    ['in_force', 'surrendered'],
    ['in_force', 'expired'],
    ['in_force', 'cancelled'],
    ['lapsed', 'in_force'],
    ['lapsed', 'surrendered'],
    ['lapsed', 'expired'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(transitionRefusal(from, to, ctx)).toBeNull();
  });

  it('allows nothing else (exhaustive over every pair)', () => {
    const allowed = new Set(Object.entries(POLICY_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    expect(allowed.size).toBe(9);
    for (const from of POLICY_STATUSES) {
      for (const to of POLICY_STATUSES) {
        if (!allowed.has(`${from}>${to}`)) expect(transitionRefusal(from, to, ctx), `${from} → ${to}`).not.toBeNull();
      }
    }
  });

  it('surrendered, expired and cancelled are final', () => {
    expect(POLICY_STATUSES.filter(isFinalStatus)).toEqual(['surrendered', 'expired', 'cancelled']);
    expect(transitionRefusal('expired', 'in_force', ctx)?.message).toBe('a expired policy cannot change status');
    expect(transitionRefusal('pending', 'lapsed', ctx)?.message).toBe('a pending policy cannot become lapsed (allowed: in_force, cancelled)');
    expect(transitionRefusal('in_force', 'in_force', ctx)?.message).toBe('the policy is already in_force');
  });

  it('cancels an in-force policy only up to the last cooling-off day', () => {
    expect(transitionRefusal('in_force', 'cancelled', { on: '2026-03-16', coolingOffEndsOn: '2026-03-16', expiresOn: '2027-03-09' })).toBeNull();
    expect(transitionRefusal('in_force', 'cancelled', { on: '2026-03-17', coolingOffEndsOn: '2026-03-16', expiresOn: '2027-03-09' })?.message).toBe(
      'the cooling-off period ended on 2026-03-16; record a surrender instead',
    );
    // A pending policy may always be withdrawn.
    expect(transitionRefusal('pending', 'cancelled', { on: '2027-01-01', coolingOffEndsOn: '2026-03-16', expiresOn: '2027-03-09' })).toBeNull();
  });

  it('lets an in-force policy expire at the end of its term, not before', () => {
    const term = { coolingOffEndsOn: '2026-03-16', expiresOn: '2027-03-09' };
    expect(transitionRefusal('in_force', 'expired', { ...term, on: '2026-12-01' })?.message).toBe(
      'the policy runs until 2027-03-09 and expires then; to end it sooner, record a surrender (or, within the cooling-off period, cancel it)',
    );
    expect(transitionRefusal('in_force', 'expired', { ...term, on: '2027-03-09' })).toBeNull();
    expect(transitionRefusal('in_force', 'expired', { ...term, on: '2027-04-01' })).toBeNull();
    // A lapsed policy may be ended before its term (it was not reinstated).
    expect(transitionRefusal('lapsed', 'expired', { ...term, on: '2026-12-01' })).toBeNull();
  });
});
