import type { TClaimStatus } from '@anxin/contracts';

/**
 * The claim workflow as a pure state machine: every move, the statuses it may start from and the
 * status it leads to. Anything not listed is refused (409 CLAIM_INVALID_TRANSITION).
 */
export const CLAIM_MOVES = {
  /** Checked and registered (立案); the determination clock starts. */
  register: { from: ['reported'], to: 'registered' },
  /** Survey and loss assessment (查勘定损). */
  start_assessment: { from: ['registered', 'documents_pending', 'reopened'], to: 'assessing' },
  /** The notice of missing documents went out; waiting on the customer (the clock pauses). */
  request_documents: { from: ['registered', 'assessing', 'adjusting', 'reopened'], to: 'documents_pending' },
  /** Every required document is in (收单完成); adjustment starts. */
  complete_documents: { from: ['registered', 'assessing', 'documents_pending', 'reopened'], to: 'adjusting' },
  /** Adjustment done (理算); to the approver (核赔). */
  submit_for_approval: { from: ['adjusting'], to: 'approving' },
  /** The approver sends the adjustment back. */
  send_back: { from: ['approving'], to: 'adjusting' },
  /** Approved: the amount is agreed and payment is due within the payment clock. */
  approve: { from: ['approving'], to: 'paying' },
  /** Fast track (快赔): approved automatically right after the report. */
  fast_track_approve: { from: ['reported', 'registered'], to: 'paying' },
  /** Denied with reason and clause; the written notice is due within 3 days. */
  deny: { from: ['registered', 'assessing', 'documents_pending', 'adjusting', 'approving', 'reopened'], to: 'denied' },
  /** The final payment closes the claim. */
  final_payment: { from: ['paying'], to: 'closed' },
  /** Closed after payment (e.g. when the last payment was recorded as partial). */
  close: { from: ['paying'], to: 'closed' },
  /** The claimant withdraws (撤案). */
  withdraw: { from: ['reported', 'registered', 'assessing', 'documents_pending', 'adjusting', 'reopened'], to: 'withdrawn' },
  /** Reopened (重开) after closing, denial or withdrawal, e.g. new evidence or a dispute. */
  reopen: { from: ['closed', 'denied', 'withdrawn'], to: 'reopened' },
} as const satisfies Record<string, { from: readonly TClaimStatus[]; to: TClaimStatus }>;
export type ClaimMove = keyof typeof CLAIM_MOVES;

/** The status a move leads to, or null when the move is not allowed from `status`. */
export function nextStatus(status: TClaimStatus, move: ClaimMove): TClaimStatus | null {
  const rule = CLAIM_MOVES[move];
  return (rule.from as readonly TClaimStatus[]).includes(status) ? rule.to : null;
}

/** Moves allowed from a status. */
export const movesFrom = (status: TClaimStatus): ClaimMove[] => (Object.keys(CLAIM_MOVES) as ClaimMove[]).filter((m) => nextStatus(status, m) !== null);

/** Statuses in which the claim is still being worked. */
export const OPEN_STATUSES: readonly TClaimStatus[] = ['reported', 'registered', 'assessing', 'documents_pending', 'adjusting', 'approving', 'paying', 'reopened'];
export const isOpen = (status: TClaimStatus) => OPEN_STATUSES.includes(status);
