import type { TComplaint, TComplaintListQuery, TComplaintSummary } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound, rule } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { findClaimRef } from '../claims/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { findPolicyForClaim } from '../policies/index.ts';
import { DECISION_DAYS, REVIEW_DAYS, viewComplaintClock } from './complaint-clocks.ts';
import { complaintActionsFrom, DECISION_CLOCK_STATUSES, isArchived } from './complaint-status.ts';
import { approvesSecondExtension, complaintScopeOf, mayHandleComplaints, mayReadComplaints } from './complaint.policy.ts';
import { findComplaint, listComplaintRows, listPlaybook, listRecords, type ComplaintRow, type DeskCursor } from './complaint.repository.ts';

/** The clock that matters now: the decision clock (running, or stopped at the decision) or the review clock. */
function clockOf(row: ComplaintRow, now: Date) {
  if (row.status === 'reviewing' && row.review_due_at) return viewComplaintClock('review', row.review_due_at, REVIEW_DAYS, null, now);
  if (row.status === 'withdrawn') return null;
  const stopped = DECISION_CLOCK_STATUSES.includes(row.status) ? null : (row.decided_at ?? row.closed_at);
  return viewComplaintClock('decision', row.due_at, DECISION_DAYS[Math.min(row.extension_level, 2)]!, stopped, now);
}

export function presentComplaintSummary(row: ComplaintRow, now: Date): TComplaintSummary {
  return {
    id: row.id,
    complaintNo: row.complaint_no,
    customerId: row.customer_id,
    customerName: row.customer_name,
    channel: row.channel,
    category: row.category,
    subReason: row.sub_reason,
    severity: row.severity,
    collective: row.collective,
    subject: row.subject,
    status: row.status,
    tier: row.tier,
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    homeUnit: { id: row.home_unit_id, name: row.home_unit_name },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    receivedAt: row.received_at.toISOString(),
    clock: clockOf(row, now),
    breached: row.breached_at !== null || row.review_breached_at !== null,
  };
}

/** What the actor may do next (the console's buttons). */
export function complaintActionsFor(actor: Actor, row: ComplaintRow): string[] {
  // Only the handling unit and those above it act; the home unit below it reads.
  if (!mayHandleComplaints(actor) || !row.org_path.startsWith(actor.orgPath)) return [];
  // The staff member the complaint is about steps aside: they may only record the customer's answer.
  if (row.staff_concerned_id === actor.id) return complaintActionsFrom(row.status).filter((a) => a === 'record_response');
  const actions: string[] = complaintActionsFrom(row.status).filter((a) => {
    if (a === 'extend') return row.extension_level === 0 || (row.extension_level === 1 && approvesSecondExtension(actor, row));
    if (a === 'escalate') return row.tier !== 'hq';
    return true;
  });
  if (!isArchived(row.status)) actions.push('playbook');
  return actions;
}

/** The desk: complaints in scope, the nearest deadline first. */
export async function listComplaints(deps: ModuleDeps, actor: Actor, query: TComplaintListQuery, now = new Date()) {
  if (!mayReadComplaints(actor)) throw forbidden('You may not view complaints');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await findOrgUnitById(deps.db, query.unitId);
    if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('querystring.unitId', rule('not_found', 'no such unit in your scope'), 'NOT_FOUND');
    unitPath = unit.path;
  }
  let after: DeskCursor | undefined;
  if (query.cursor) {
    try {
      const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as Partial<DeskCursor>;
      if (typeof parsed.value !== 'string' || typeof parsed.id !== 'string') throw new Error('not a desk cursor');
      after = { settled: parsed.settled === true, value: parsed.value, id: parsed.id };
    } catch {
      throw fieldError('querystring.cursor', rule('invalid_cursor', 'is not a cursor from this list'));
    }
  }
  const rows = await listComplaintRows(deps.db, complaintScopeOf(actor), { ...query, unitPath }, after);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => presentComplaintSummary(r, now)),
    nextCursor: rows.length > query.limit && last ? Buffer.from(JSON.stringify({ settled: last.desk_settled, value: last.desk_due_at.toISOString(), id: last.id } satisfies DeskCursor)).toString('base64url') : null,
  };
}

/** One complaint with the customer's words and every record, decrypted (the read is audited). */
export async function getComplaint(deps: ModuleDeps, actor: Actor, id: string, now = new Date()): Promise<TComplaint> {
  if (!mayReadComplaints(actor)) throw forbidden('You may not view complaints');
  const row = await findComplaint(deps.db, id, complaintScopeOf(actor));
  if (!row) throw notFound('Complaint');
  const [records, playbook, policy, claim, staff] = await Promise.all([
    listRecords(deps.db, id),
    listPlaybook(deps.db, id),
    row.policy_id ? findPolicyForClaim(deps, { policyId: row.policy_id }) : undefined,
    row.claim_id ? findClaimRef(deps, row.claim_id) : undefined,
    row.staff_concerned_id ? findStaffById(deps.db, row.staff_concerned_id) : undefined,
  ]);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'complaint.viewed', entityType: 'complaint', entityId: id, customerId: row.customer_id });
  return {
    ...presentComplaintSummary(row, now),
    regulatorRef: row.regulator_ref,
    representatives: row.representatives,
    policy: policy ? { id: policy.row.id, policyNo: policy.row.policy_no } : null,
    claim: claim ? { id: claim.id, claimNo: claim.claim_no } : null,
    staffConcerned: staff ? { id: staff.id, name: staff.display_name } : null,
    description: deps.cipher.decrypt(row.description_enc),
    demand: row.demand_enc ? deps.cipher.decrypt(row.demand_enc) : null,
    extensionLevel: row.extension_level,
    decidedAt: row.decided_at?.toISOString() ?? null,
    customerResponse: row.customer_response,
    closedAt: row.closed_at?.toISOString() ?? null,
    reopenCount: row.reopen_count,
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      data: JSON.parse(deps.cipher.decrypt(r.data_enc)) as Record<string, unknown>,
      fromUnit: r.from_unit_id ? { id: r.from_unit_id, name: r.from_unit_name ?? '' } : null,
      toUnit: r.to_unit_id ? { id: r.to_unit_id, name: r.to_unit_name ?? '' } : null,
      actorName: r.actor_name,
      at: r.at.toISOString(),
    })),
    playbook: playbook.map((p) => ({ step: p.step as TComplaint['playbook'][number]['step'], doneAt: p.done_at.toISOString(), note: p.note, actorName: p.actor_name })),
    nextActions: complaintActionsFor(actor, row),
    archived: isArchived(row.status),
    version: row.version,
  };
}
