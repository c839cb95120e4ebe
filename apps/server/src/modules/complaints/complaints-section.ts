import type { TCustomer360ComplaintsSection } from '@anxin/contracts';
import type { Customer360Section } from '../customers/index.ts';
import { presentComplaintSummary } from './complaint-read.service.ts';
import { OPEN_COMPLAINT_STATUSES } from './complaint-status.ts';
import { complaintScopeOf, mayReadComplaints } from './complaint.policy.ts';
import { complaintsOfCustomerStatement, type ComplaintOfCustomerRow } from './complaint.repository.ts';

/** The complaints section of the customer 360° view: the customer's complaints in the actor's scope. */
export const complaintsSection: Customer360Section = {
  key: 'complaints',
  read(deps, actor, customerId) {
    if (!mayReadComplaints(actor)) return { statement: null, present: () => ({ data: undefined }) };
    return { statement: complaintsOfCustomerStatement(deps.db, complaintScopeOf(actor), customerId, 101), present: presentComplaintsSection };
  },
};

function presentComplaintsSection(rows: readonly ComplaintOfCustomerRow[]) {
  const now = new Date();
  const yearAgo = now.getTime() - 365 * 86_400_000;
  const items = rows.slice(0, 100).sort((a, b) => b.received_at.getTime() - a.received_at.getTime());
  const data: TCustomer360ComplaintsSection = {
    items: items.map((r) => presentComplaintSummary(r, now)),
    openCount: items.filter((r) => OPEN_COMPLAINT_STATUSES.includes(r.status)).length,
    last12MonthsCount: items.filter((r) => r.received_at.getTime() >= yearAgo).length,
    breachedCount: items.filter((r) => r.breached_at || r.review_breached_at).length,
  };
  return { data };
}
