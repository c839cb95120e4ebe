import type { TPortalComplaint, TPortalComplaintRequest, TPortalComplaintSummary } from '@anxin/contracts';
import { COMPLAINT_SUB_REASONS } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, notFound, rule } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { REVIEW_DAYS } from './complaint-clocks.ts';
import { DECISION_CLOCK_STATUSES } from './complaint-status.ts';
import { findComplaint, listRecords } from './complaint.repository.ts';
import { actOnComplaint, createComplaint } from './complaint-write.service.ts';

// The customer's side of complaints (portal). The portal has proven who the customer is; these
// functions keep to the customer's own complaints and act with narrow, derived permissions.

function requireCustomer(actor: Actor) {
  if (actor.kind !== 'customer') throw new DomainError('FORBIDDEN', 'Only a customer signed in to the portal may do this');
}
const acting = (actor: Actor, permission: 'complaint:register' | 'complaint:handle'): Actor => ({ ...actor, permissions: new Set([permission]), orgPath: '', ownRecordsOnly: false });

export async function listPortalComplaints(deps: ModuleDeps, actor: Actor): Promise<TPortalComplaintSummary[]> {
  requireCustomer(actor);
  const rows = await deps.db
    .selectFrom('complaint')
    .select(['id', 'complaint_no', 'subject', 'category', 'status', 'received_at'])
    .where('customer_id', '=', actor.id)
    .orderBy('received_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, complaintNo: r.complaint_no, subject: r.subject, category: r.category, status: r.status, receivedAt: r.received_at.toISOString() }));
}

/** The customer's complaint: what happened in plain language (no staff names, no internal findings), the decision and what comes next. */
export async function getPortalComplaint(deps: ModuleDeps, actor: Actor, id: string): Promise<TPortalComplaint> {
  requireCustomer(actor);
  const row = await findComplaint(deps.db, id);
  if (!row || row.customer_id !== actor.id) throw notFound('Complaint');
  const records = await listRecords(deps.db, id);
  const steps: TPortalComplaint['steps'] = [{ key: 'received', at: row.received_at.toISOString(), params: {} }];
  let decision: string | null = null;
  for (const r of records) {
    const data = JSON.parse(deps.cipher.decrypt(r.data_enc)) as Record<string, unknown>;
    const at = r.at.toISOString();
    if (r.kind === 'verification') steps.push({ key: 'verified', at, params: {} });
    else if (r.kind === 'registration') steps.push({ key: 'registered', at, params: {} });
    else if (r.kind === 'transfer' && r.to_unit_name) steps.push({ key: 'transferred', at, params: { unit: r.to_unit_name } });
    else if (r.kind === 'extension') steps.push({ key: 'extended', at, params: { days: String(data.days ?? '') } });
    else if (r.kind === 'handling') {
      decision = String(data.resolution ?? '');
      steps.push({ key: 'decided', at, params: {} });
    } else if (r.kind === 'response') steps.push({ key: data.response === 'disputes' ? 'disputed' : 'accepted', at, params: {} });
    else if (r.kind === 'review') {
      decision = String(data.resolution ?? '');
      steps.push({ key: 'reviewed', at, params: {} });
    } else if (r.kind === 'closure') steps.push({ key: 'closed', at, params: {} });
    else if (r.kind === 'withdrawal') steps.push({ key: 'withdrawn', at, params: {} });
    else if (r.kind === 'reopen') steps.push({ key: 'reopened', at, params: {} });
  }
  if (row.status === 'closed' && !steps.some((s) => s.key === 'closed')) steps.push({ key: 'closed', at: (row.closed_at ?? row.updated_at).toISOString(), params: {} });
  const next: TPortalComplaint['next'] = DECISION_CLOCK_STATUSES.includes(row.status)
    ? { key: 'decision', dueAt: row.due_at.toISOString() }
    : row.status === 'decided'
      ? { key: 'your_response', dueAt: null }
      : row.status === 'reviewing'
        ? { key: 'review', dueAt: row.review_due_at?.toISOString() ?? new Date(Date.now() + REVIEW_DAYS * 86_400_000).toISOString() }
        : null;
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'portal.complaint_read', entityType: 'complaint', entityId: id, customerId: actor.id, data: { complaintNo: row.complaint_no } });
  return {
    id: row.id,
    complaintNo: row.complaint_no,
    subject: row.subject,
    category: row.category,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    description: deps.cipher.decrypt(row.description_enc),
    steps,
    next,
    decision,
    awaitingResponse: row.status === 'decided',
  };
}

/** The customer complains in the portal (channel `portal`), about a policy of theirs or in general. */
export async function submitPortalComplaint(deps: ModuleDeps, actor: Actor, input: TPortalComplaintRequest, ownPolicyIds: string[]) {
  requireCustomer(actor);
  if (!COMPLAINT_SUB_REASONS[input.category].includes(input.subReason)) throw fieldError('body.subReason', rule('sub_reason_mismatch', 'is not a sub-reason of the category'));
  if (input.policyId && !ownPolicyIds.includes(input.policyId)) throw fieldError('body.policyId', rule('not_of_customer', 'is not one of your policies'), 'NOT_FOUND');
  const id = await createComplaint(deps, acting(actor, 'complaint:register'), { ...input, customerId: actor.id, channel: 'portal' });
  return getPortalComplaint(deps, actor, id);
}

/** The customer accepts the decision (the complaint closes) or disputes it (a review one level up). */
export async function respondToPortalComplaint(deps: ModuleDeps, actor: Actor, id: string, input: { response: 'accepts' | 'disputes'; note?: string | undefined }) {
  requireCustomer(actor);
  const row = await findComplaint(deps.db, id);
  if (!row || row.customer_id !== actor.id) throw notFound('Complaint');
  await actOnComplaint(deps, acting(actor, 'complaint:handle'), id, { action: 'record_response', response: input.response, note: input.note, version: row.version });
  return getPortalComplaint(deps, actor, id);
}
