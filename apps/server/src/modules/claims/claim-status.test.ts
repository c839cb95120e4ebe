import { CLAIM_STATUSES, type TClaimStatus } from '@anxin/contracts';
import { prng } from '../../platform/prng.ts';
import { describe, expect, it } from 'vitest';
import { CLAIM_MOVES, type ClaimMove, isOpen, movesFrom, nextStatus } from './claim-status.ts';

const MOVES = Object.keys(CLAIM_MOVES) as ClaimMove[];
const FINAL: TClaimStatus[] = ['closed', 'denied', 'withdrawn'];

/** Every (status, move) pair with the outcome the table says it should have. */
const TABLE = CLAIM_STATUSES.flatMap((status) =>
  MOVES.map((move) => {
    const rule = CLAIM_MOVES[move];
    const expected = (rule.from as readonly TClaimStatus[]).includes(status) ? rule.to : null;
    return [status, move, expected] as const;
  }),
);

/** Statuses reachable from `start` following the table (breadth first). */
function reachableFrom(start: TClaimStatus): Set<TClaimStatus> {
  const seen = new Set<TClaimStatus>([start]);
  const queue: TClaimStatus[] = [start];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const move of MOVES) {
      const rule = CLAIM_MOVES[move];
      if ((rule.from as readonly TClaimStatus[]).includes(status) && !seen.has(rule.to)) {
        seen.add(rule.to);
        queue.push(rule.to);
      }
    }
  }
  return seen;
}


describe('claim status state machine', () => {
  it('only uses known statuses in the table', () => {
    for (const move of MOVES) {
      const rule = CLAIM_MOVES[move];
      expect(CLAIM_STATUSES, `${move}.to`).toContain(rule.to);
      for (const from of rule.from) expect(CLAIM_STATUSES, `${move}.from`).toContain(from);
      expect(new Set(rule.from).size, `${move}.from has duplicates`).toBe(rule.from.length);
    }
  });

  it('covers every status × move pair', () => {
    expect(TABLE).toHaveLength(CLAIM_STATUSES.length * MOVES.length);
    expect(TABLE).toHaveLength(11 * 13);
  });

  it.each(TABLE)('%s + %s → %s', (status, move, expected) => {
    expect(nextStatus(status, move)).toBe(expected);
  });

  it.each(CLAIM_STATUSES)('movesFrom(%s) lists exactly the moves allowed from it, in table order', (status) => {
    expect(movesFrom(status)).toEqual(MOVES.filter((m) => (CLAIM_MOVES[m].from as readonly TClaimStatus[]).includes(status)));
  });

  it('spot checks of the business meaning', () => {
    // Approval happens only from the approver's desk.
    expect(nextStatus('adjusting', 'approve')).toBeNull();
    expect(nextStatus('approving', 'approve')).toBe('paying');
    expect(nextStatus('adjusting', 'submit_for_approval')).toBe('approving');
    expect(nextStatus('approving', 'send_back')).toBe('adjusting');
    // A denied claim is never paid or closed (only reopened).
    for (const move of ['approve', 'fast_track_approve', 'final_payment', 'close'] as const) expect(nextStatus('denied', move), move).toBeNull();
    expect(movesFrom('denied')).toEqual(['reopen']);
    // Paying and closing happen only from paying.
    expect(CLAIM_STATUSES.filter((s) => nextStatus(s, 'final_payment') !== null)).toEqual(['paying']);
    expect(CLAIM_STATUSES.filter((s) => nextStatus(s, 'close') !== null)).toEqual(['paying']);
    // Reopen only after the claim ended.
    expect(CLAIM_STATUSES.filter((s) => nextStatus(s, 'reopen') !== null)).toEqual(['closed', 'denied', 'withdrawn']);
    // Fast track only straight after the report.
    expect(CLAIM_STATUSES.filter((s) => nextStatus(s, 'fast_track_approve') !== null)).toEqual(['reported', 'registered']);
    // Once paying, the claim can no longer be withdrawn or denied.
    expect(nextStatus('paying', 'withdraw')).toBeNull();
    expect(nextStatus('paying', 'deny')).toBeNull();
    expect(movesFrom('reported')).toEqual(['register', 'fast_track_approve', 'withdraw']);
  });

  it('final statuses (closed, denied, withdrawn) are not open and allow only reopen', () => {
    expect(CLAIM_STATUSES.filter((s) => !isOpen(s))).toEqual(FINAL);
    for (const status of FINAL) expect(movesFrom(status), status).toEqual(['reopen']);
    for (const status of CLAIM_STATUSES.filter((s) => !FINAL.includes(s))) {
      expect(isOpen(status), status).toBe(true);
      expect(movesFrom(status).length, `${status} is open, so something must be possible`).toBeGreaterThan(0);
      expect(movesFrom(status), status).not.toContain('reopen');
    }
    expect(isOpen('reopened')).toBe(true);
  });

  it('every status is reachable from reported, and every claim can still end', () => {
    expect([...reachableFrom('reported')].sort()).toEqual([...CLAIM_STATUSES].sort());
    for (const status of CLAIM_STATUSES) {
      const reach = reachableFrom(status);
      expect(FINAL.some((f) => reach.has(f)), `${status} can reach a final status`).toBe(true);
    }
  });

  it('property: any sequence of allowed moves from reported only visits statuses reachable per the table', () => {
    const reachable = reachableFrom('reported');
    const random = prng(20_260_601);
    for (let walk = 0; walk < 500; walk++) {
      let status: TClaimStatus = 'reported';
      const steps = 1 + Math.floor(random() * 30);
      for (let step = 0; step < steps; step++) {
        const allowed = movesFrom(status);
        expect(allowed.length, `stuck in ${status}`).toBeGreaterThan(0);
        const move = allowed[Math.floor(random() * allowed.length)]!;
        const next = nextStatus(status, move);
        expect(next, `${status} + ${move}`).toBe(CLAIM_MOVES[move].to);
        expect(reachable.has(next!), `${status} + ${move} → ${next}`).toBe(true);
        status = next!;
      }
    }
  });
});
