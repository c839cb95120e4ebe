import type { TComplaintAction, TComplaintStatus } from '@anxin/contracts';

/**
 * The complaint procedure (K3) as a pure state machine: each action, the statuses it may start
 * from and where it leads (`null` = the status stays). Anything not listed is refused
 * (409 COMPLAINT_INVALID_TRANSITION). A closed or withdrawn complaint is archived: only `reopen`.
 */
export const COMPLAINT_MOVES = {
  /** The verification record (核实表): facts checked, customer contacted. */
  verify: { from: ['received'], to: 'verified' },
  /** The registration record (登记表): entered and given to a handler. */
  register: { from: ['verified'], to: 'registered' },
  /** The transfer record (转接表): to another unit (or up a tier). */
  transfer: { from: ['received', 'verified', 'registered', 'handling'], to: null },
  /** Up to the parent unit (city → province → head office), with a transfer record. */
  escalate: { from: ['received', 'verified', 'registered', 'handling'], to: null },
  /** A handler of the complaint's unit (or above) takes it over; the status stays. */
  assign: { from: ['received', 'verified', 'registered', 'handling', 'decided', 'reviewing'], to: null },
  /** Coordination with the departments involved; handling goes on. */
  coordinate: { from: ['registered', 'handling'], to: 'handling' },
  /** The handling record (处理表) and the decision told to the customer (反馈). */
  decide: { from: ['registered', 'handling'], to: 'decided' },
  /** Extension of the decision clock: 15 → 30 days (customer told), 30 → 60 (senior approval). */
  extend: { from: ['received', 'verified', 'registered', 'handling'], to: null },
  /** The customer's answer to the decision: accepts (closed) or disputes (review at the higher level). */
  record_response: { from: ['decided'], to: null },
  /** The review decision (核查), told to the customer; the complaint is then closed. */
  decide_review: { from: ['reviewing'], to: 'closed' },
  /** Closed after the decision (e.g. the customer did not answer). */
  close: { from: ['decided'], to: 'closed' },
  /** The complainant withdraws: handling stops that day. */
  withdraw: { from: ['received', 'verified', 'registered', 'handling', 'decided', 'reviewing'], to: 'withdrawn' },
  /** Reopened from the archive with a reason; a new decision clock starts. */
  reopen: { from: ['closed', 'withdrawn'], to: 'handling' },
} as const satisfies Record<TComplaintAction, { from: readonly TComplaintStatus[]; to: TComplaintStatus | null }>;

/** The status after `action` from `status`, the same status for actions that keep it, or null when not allowed. */
export function nextComplaintStatus(status: TComplaintStatus, action: TComplaintAction, response?: 'accepts' | 'disputes'): TComplaintStatus | null {
  const rule = COMPLAINT_MOVES[action];
  if (!(rule.from as readonly TComplaintStatus[]).includes(status)) return null;
  if (action === 'record_response') return response === 'disputes' ? 'reviewing' : 'closed';
  if (action === 'transfer' || action === 'escalate') return status === 'received' || status === 'verified' || status === 'registered' ? status : 'handling';
  return rule.to ?? status;
}

export const complaintActionsFrom = (status: TComplaintStatus): TComplaintAction[] =>
  (Object.keys(COMPLAINT_MOVES) as TComplaintAction[]).filter((a) => (COMPLAINT_MOVES[a].from as readonly TComplaintStatus[]).includes(status));

export const OPEN_COMPLAINT_STATUSES: readonly TComplaintStatus[] = ['received', 'verified', 'registered', 'handling', 'decided', 'reviewing'];
/** Statuses in which the decision clock runs. */
export const DECISION_CLOCK_STATUSES: readonly TComplaintStatus[] = ['received', 'verified', 'registered', 'handling'];
export const isArchived = (status: TComplaintStatus) => status === 'closed' || status === 'withdrawn';
