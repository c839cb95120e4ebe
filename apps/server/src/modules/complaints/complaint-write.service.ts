import type { TComplaintActionRequest, TCreateComplaintRequest, TComplaintStatus, TRole } from '@anxin/contracts';
import { ZCreateComplaintRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertOutbox } from '../../platform/outbox.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { permissionsOf } from '../auth/index.ts';
import { findClaimRef } from '../claims/index.ts';
import { getVisibleCustomer, hasConsent } from '../customers/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { findPolicyForClaim } from '../policies/index.ts';
import { decisionDueAt, DECISION_DAYS, reviewDueAt, startsAtProvince, tierOfLevel } from './complaint-clocks.ts';
import { isArchived, nextComplaintStatus } from './complaint-status.ts';
import { approvesSecondExtension, complaintScopeOf, mayHandleComplaints, mayRegisterComplaints } from './complaint.policy.ts';
import { findComplaint, findComplaintsNeedingClockWork, insertComplaint, insertRecord, lockComplaint, nextComplaintNumber, updateComplaint, type ComplaintRow } from './complaint.repository.ts';

type Unit = NonNullable<Awaited<ReturnType<typeof findOrgUnitById>>>;

/** The city branch that serves a unit (itself for a city, its city for an outlet; a province or HQ serves itself). */
export async function homeCityOf(db: Executor, unitId: string): Promise<Unit> {
  let unit = (await findOrgUnitById(db, unitId))!;
  while (unit.level === 'outlet' && unit.parent_id) unit = (await findOrgUnitById(db, unit.parent_id))!;
  return unit;
}

/** The unit one tier up (city → province → HQ); null at head office. */
async function parentTierOf(db: Executor, unit: Unit): Promise<Unit | null> {
  let current = unit;
  while (current.parent_id) {
    const parent = (await findOrgUnitById(db, current.parent_id))!;
    if (tierOfLevel(parent.level) !== tierOfLevel(unit.level)) return parent;
    current = parent;
  }
  return null;
}

const invalid = (status: TComplaintStatus, action: string) => new DomainError('COMPLAINT_INVALID_TRANSITION', `A complaint that is ${status.replace(/_/g, ' ')} cannot ${action.replace(/_/g, ' ')}`);

async function record(deps: ModuleDeps, tx: Tx, complaint: Pick<ComplaintRow, 'customer_id' | 'id'>, actor: Actor | null, kind: string, data: Record<string, unknown>, at: Date, units: { from?: string; to?: string } = {}) {
  await insertRecord(tx, {
    customer_id: complaint.customer_id,
    complaint_id: complaint.id,
    kind,
    data_enc: deps.cipher.encrypt(JSON.stringify(data)),
    from_unit_id: units.from ?? null,
    to_unit_id: units.to ?? null,
    actor_id: actor?.id ?? 'system',
    actor_name: actor?.displayName ?? 'system',
    at,
  });
}

/** Tells the customer (service SMS, only with consent) that something happened on their complaint. */
async function notify(deps: ModuleDeps, tx: Tx, complaint: Pick<ComplaintRow, 'customer_id' | 'id' | 'complaint_no'>, step: string, extra: Record<string, string> = {}) {
  if (!(await hasConsent({ ...deps, db: tx }, complaint.customer_id, 'service', 'sms'))) return;
  await insertOutbox(tx, 'message.complaint_progress', complaint.customer_id, complaint.id, { complaintNo: complaint.complaint_no, step, channel: 'sms', ...extra });
}

/**
 * Registers a complaint received on any channel. It belongs to the city branch that serves the
 * customer; a critical or collective complaint or a regulator transfer starts at the province
 * branch (with a transfer record saying why). The 15-day decision clock runs from receipt.
 */
export async function createComplaint(deps: ModuleDeps, actor: Actor, raw: TCreateComplaintRequest, now = new Date()) {
  if (!mayRegisterComplaints(actor)) throw forbidden('You may not register complaints');
  const input = ZCreateComplaintRequest.parse(raw);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt > now) throw fieldError('body.receivedAt', rule('in_future', 'is in the future'));
  const customer = await getVisibleCustomer(deps, actor, input.customerId);
  if (input.policyId) {
    const policy = await findPolicyForClaim(deps, { policyId: input.policyId });
    if (!policy || !policy.parties.some((p) => p.customer_id === customer.id)) throw fieldError('body.policyId', rule('not_of_customer', 'is not a policy of this customer'), 'NOT_FOUND');
  }
  if (input.claimId) {
    const claim = await findClaimRef(deps, input.claimId);
    if (!claim || claim.customer_id !== customer.id) throw fieldError('body.claimId', rule('not_of_customer', 'is not a claim of this customer'), 'NOT_FOUND');
  }
  if (input.staffConcernedId && !(await findStaffById(deps.db, input.staffConcernedId))) throw fieldError('body.staffConcernedId', rule('not_found', 'no such staff member'), 'NOT_FOUND');
  return inTransaction(deps.db, async (tx) => {
    const home = await homeCityOf(tx, customer.orgUnitId);
    const why = startsAtProvince(input);
    const start = (why && tierOfLevel(home.level) === 'city' ? await parentTierOf(tx, home) : null) ?? home;
    const id = newId();
    const complaintNo = await nextComplaintNumber(tx, Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4)));
    const row = { customer_id: customer.id, id, complaint_no: complaintNo };
    await insertComplaint(tx, {
      ...row,
      channel: input.channel,
      category: input.category,
      sub_reason: input.subReason,
      severity: input.severity,
      collective: input.collective,
      representatives: input.representatives ?? null,
      regulator_ref: input.regulatorRef ?? null,
      policy_id: input.policyId ?? null,
      claim_id: input.claimId ?? null,
      staff_concerned_id: input.staffConcernedId ?? null,
      subject: input.subject,
      description_enc: deps.cipher.encrypt(input.description),
      demand_enc: input.demand ? deps.cipher.encrypt(input.demand) : null,
      status: 'received',
      home_unit_id: home.id,
      home_path: home.path,
      org_unit_id: start.id,
      org_path: start.path,
      tier: tierOfLevel(start.level),
      assignee_id: null,
      assignee_name: null,
      received_at: receivedAt,
      due_at: decisionDueAt(receivedAt, 0),
      created_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
    });
    if (start.id !== home.id) await record(deps, tx, row, actor, 'transfer', { reason: why, automatic: true }, now, { from: home.id, to: start.id });
    await recordAuditEvent(tx, actor, { action: 'complaint.created', entityType: 'complaint', entityId: id, customerId: customer.id, data: { complaintNo, channel: input.channel, category: input.category, severity: input.severity, unitId: start.id } });
    await notify(deps, tx, row, 'received');
    return id;
  });
}

/**
 * Re-reads the complaint under a row lock, in the actor's scope. Only the handling unit and the
 * units above it act on a complaint; the customer's home unit below it reads it.
 */
async function lockVisible(tx: Tx, actor: Actor, id: string) {
  const visible = await findComplaint(tx, id, complaintScopeOf(actor));
  if (!visible) throw notFound('Complaint');
  await lockComplaint(tx, id);
  const c = (await findComplaint(tx, id))!;
  if (!c.org_path.startsWith(actor.orgPath)) throw forbidden(`This complaint is handled by ${c.org_unit_name}; only that unit or one above it may act on it`);
  return c;
}

/** May this actor approve the second extension? The higher-level institution (above the home city) or head office. */

/**
 * One step of the procedure: checks the move against the state machine, writes its record, moves
 * the complaint (status, unit, clocks), audits it and tells the customer where it matters.
 */
export async function actOnComplaint(deps: ModuleDeps, actor: Actor, id: string, input: TComplaintActionRequest, now = new Date()) {
  if (!mayHandleComplaints(actor)) throw forbidden('You may not handle complaints');
  return inTransaction(deps.db, async (tx) => {
    const c = await lockVisible(tx, actor, id);
    if (isArchived(c.status) && input.action !== 'reopen') throw new DomainError('COMPLAINT_ARCHIVED', 'This complaint is closed and archived; reopen it with a reason first');
    if (c.version !== input.version) throw versionConflict('Complaint');
    // Recusal: the staff member complained about may not handle the complaint (the customer's answer is theirs to give).
    if (c.staff_concerned_id && c.staff_concerned_id === actor.id && input.action !== 'record_response') throw forbidden('You are the staff member this complaint is about; another handler must take it');
    const to = nextComplaintStatus(c.status, input.action, input.action === 'record_response' ? input.response : undefined);
    if (!to) throw invalid(c.status, input.action);
    const patch: Parameters<typeof updateComplaint>[3] = { status: to };
    const current = (await findOrgUnitById(tx, c.org_unit_id))!;
    const moveTo = (unit: Unit) => Object.assign(patch, { org_unit_id: unit.id, org_path: unit.path, tier: tierOfLevel(unit.level), assignee_id: null, assignee_name: null });

    switch (input.action) {
      case 'verify':
        await record(deps, tx, c, actor, 'verification', { facts: input.facts, customerContacted: input.customerContacted }, now);
        break;
      case 'register':
        await record(deps, tx, c, actor, 'registration', { summary: input.summary }, now);
        Object.assign(patch, { assignee_id: actor.kind === 'staff' ? actor.id : null, assignee_name: actor.kind === 'staff' ? actor.displayName : null });
        break;
      case 'transfer': {
        const target = await findOrgUnitById(tx, input.toUnitId);
        // Any unit in the caller's scope, or a unit above the complaint's (moving it up).
        if (!target || target.status !== 'active' || !(target.path.startsWith(actor.orgPath) || current.path.startsWith(target.path))) throw fieldError('body.toUnitId', rule('not_found', 'no such active unit you may transfer to'), 'NOT_FOUND');
        if (target.id === c.org_unit_id) throw fieldError('body.toUnitId', rule('already_there', 'the complaint is already there'));
        await record(deps, tx, c, actor, 'transfer', { reason: input.reason }, now, { from: current.id, to: target.id });
        moveTo(target);
        break;
      }
      case 'escalate': {
        const parent = await parentTierOf(tx, current);
        if (!parent) throw invalid(c.status, 'move above head office');
        await record(deps, tx, c, actor, 'transfer', { reason: input.reason, escalation: true }, now, { from: current.id, to: parent.id });
        moveTo(parent);
        break;
      }
      case 'coordinate':
        await record(deps, tx, c, actor, 'coordination', { note: input.note }, now);
        break;
      case 'assign': {
        const assignee = await findStaffById(tx, input.assigneeId);
        // A handler who can act on the complaint where it is — its unit or a unit above it — and within
        // the caller's own subtree (moving work to a higher tier is escalation, not assignment).
        const handles = assignee && assignee.status === 'active' && permissionsOf(assignee.roles as TRole[]).has('complaint:handle') && c.org_path.startsWith(assignee.org_path) && assignee.org_path.startsWith(actor.orgPath);
        if (!assignee || !handles) throw fieldError('body.assigneeId', rule('not_a_complaint_handler', 'no such active complaint handler of the complaint’s unit or a unit above it'), 'NOT_FOUND');
        if (assignee.id === c.staff_concerned_id) throw fieldError('body.assigneeId', rule('complaint_concerns_them', 'the complaint is about this staff member; another handler must take it'));
        if (assignee.id === c.assignee_id) throw fieldError('body.assigneeId', rule('already_assigned', 'the complaint is already theirs'));
        await record(deps, tx, c, actor, 'assignment', { assigneeName: assignee.display_name, previousAssigneeName: c.assignee_name, note: input.note ?? null }, now);
        Object.assign(patch, { assignee_id: assignee.id, assignee_name: assignee.display_name });
        break;
      }
      case 'decide':
        await record(deps, tx, c, actor, 'handling', { findings: input.findings, responsibility: input.responsibility, resolution: input.resolution, compensationFen: input.compensationFen, rootCause: input.rootCause }, now);
        patch.decided_at = now;
        break;
      case 'extend': {
        if (c.extension_level >= 2) throw invalid(c.status, 'be extended beyond 60 days');
        if (c.extension_level === 1 && !approvesSecondExtension(actor, c)) throw forbidden('The extension to 60 days needs approval by the higher-level institution or head office');
        const level = c.extension_level + 1;
        await record(deps, tx, c, actor, 'extension', { reason: input.reason, customerToldVia: input.customerToldVia, days: DECISION_DAYS[level] }, now);
        Object.assign(patch, { extension_level: level, due_at: decisionDueAt(c.received_at, level), warned_at: null });
        break;
      }
      case 'record_response':
        await record(deps, tx, c, actor, 'response', { response: input.response, note: input.note ?? null }, now);
        Object.assign(patch, { customer_response: input.response, responded_at: now });
        if (input.response === 'accepts') patch.closed_at = now;
        else {
          // A dispute opens a review (核查) at the higher level, with its own 30-day clock.
          const parent = (await parentTierOf(tx, current)) ?? current;
          if (parent.id !== current.id) {
            await record(deps, tx, c, actor, 'transfer', { reason: 'customer_dispute', automatic: true }, now, { from: current.id, to: parent.id });
            moveTo(parent);
          }
          patch.review_due_at = reviewDueAt(now);
        }
        break;
      case 'decide_review':
        await record(deps, tx, c, actor, 'review', { findings: input.findings, outcome: input.outcome, resolution: input.resolution }, now);
        patch.closed_at = now;
        break;
      case 'close':
        await record(deps, tx, c, actor, 'closure', { note: input.note ?? null }, now);
        patch.closed_at = now;
        break;
      case 'withdraw':
        await record(deps, tx, c, actor, 'withdrawal', { reason: input.reason }, now);
        patch.closed_at = now;
        break;
      case 'reopen':
        await record(deps, tx, c, actor, 'reopen', { reason: input.reason }, now);
        Object.assign(patch, {
          reopen_count: c.reopen_count + 1,
          closed_at: null,
          decided_at: null,
          customer_response: null,
          responded_at: null,
          review_due_at: null,
          review_breached_at: null,
          extension_level: 0,
          due_at: decisionDueAt(now, 0),
          warned_at: null,
          breached_at: null,
        });
        break;
    }
    // An unassigned complaint (new at a tier after a transfer or escalation) becomes the complaint of
    // the handler who works it there, so the desk names who has it.
    if (c.assignee_id === null && actor.kind === 'staff' && patch.org_unit_id === undefined && patch.assignee_id === undefined && !['record_response', 'withdraw', 'playbook'].includes(input.action)) {
      Object.assign(patch, { assignee_id: actor.id, assignee_name: actor.displayName });
    }
    if (!(await updateComplaint(tx, id, input.version, patch))) throw versionConflict('Complaint');
    await recordAuditEvent(tx, actor, { action: 'complaint.updated', entityType: 'complaint', entityId: id, customerId: c.customer_id, data: { action: input.action, from: c.status, to, unitId: patch.org_unit_id ?? c.org_unit_id } });
    // A resolved complaint (not a withdrawn one) gets a complaint-closure visit and survey, after commit.
    if (patch.closed_at && input.action !== 'withdraw') await insertOutbox(tx, 'complaint.closed', c.customer_id, c.id, { complaintId: c.id, complaintNo: c.complaint_no, unitId: patch.org_unit_id ?? c.org_unit_id });
    // An extension tells the customer the new deadline (the Shanghai day it falls on).
    const extra: Record<string, string> = input.action === 'extend' && patch.due_at ? { dueOn: shanghaiDateOf(new Date(patch.due_at as Date | string)) } : {};
    if (['decide', 'extend', 'decide_review', 'reopen'].includes(input.action) || (input.action === 'record_response' && input.response === 'disputes')) await notify(deps, tx, c, input.action, extra);
    return id;
  });
}

/** Ticks off a step of the dispute playbook with a note (again to change the note). */
export async function recordPlaybookStep(deps: ModuleDeps, actor: Actor, id: string, input: { step: string; note?: string | undefined }, now = new Date()) {
  if (!mayHandleComplaints(actor)) throw forbidden('You may not handle complaints');
  return inTransaction(deps.db, async (tx) => {
    const c = await lockVisible(tx, actor, id);
    if (isArchived(c.status)) throw new DomainError('COMPLAINT_ARCHIVED', 'This complaint is closed and archived; reopen it with a reason first');
    await tx
      .insertInto('complaint_playbook_step')
      .values({ customer_id: c.customer_id, complaint_id: id, step: input.step, done_at: now, note: input.note ?? null, actor_name: actor.displayName })
      .onConflict((oc) => oc.columns(['customer_id', 'complaint_id', 'step']).doUpdateSet({ note: input.note ?? null, done_at: now, actor_name: actor.displayName }))
      .execute();
    await updateComplaint(tx, id, c.version, {});
    await recordAuditEvent(tx, actor, { action: 'complaint.updated', entityType: 'complaint', entityId: id, customerId: c.customer_id, data: { action: 'playbook', step: input.step } });
    return id;
  });
}

/**
 * The clock sweep: a decision clock inside its warning days moves a city-level complaint up to the
 * province (once); a breached clock is recorded on the complaint and moves it one tier up; a
 * breached review is recorded. Idempotent (each mark is conditional), so several processes may run it.
 */
export async function sweepComplaintClocks(deps: ModuleDeps, now = new Date(), warnDays = 3) {
  const due = await findComplaintsNeedingClockWork(deps.db, new Date(now.getTime() + warnDays * 86_400_000), now);
  let changed = 0;
  for (const item of due) {
    await inTransaction(deps.db, async (tx) => {
      await lockComplaint(tx, item.id);
      const c = (await findComplaint(tx, item.id))!;
      const unit = (await findOrgUnitById(tx, c.org_unit_id))!;
      const patch: Parameters<typeof updateComplaint>[3] = {};
      const up = async (reason: string) => {
        const parent = await parentTierOf(tx, unit);
        if (!parent) return;
        await record(deps, tx, c, null, 'transfer', { reason, automatic: true }, now, { from: unit.id, to: parent.id });
        Object.assign(patch, { org_unit_id: parent.id, org_path: parent.path, tier: tierOfLevel(parent.level), assignee_id: null, assignee_name: null });
      };
      const decisionRunning = ['received', 'verified', 'registered', 'handling'].includes(c.status);
      if (decisionRunning && !c.breached_at && c.due_at < now) {
        patch.breached_at = c.due_at;
        patch.warned_at = c.warned_at ?? now;
        await record(deps, tx, c, null, 'breach', { clock: 'decision', dueAt: c.due_at.toISOString() }, now);
        await up('clock_breach');
        await insertOutbox(tx, 'complaint.clock_breached', c.customer_id, c.id, { complaintNo: c.complaint_no, clock: 'decision' });
      } else if (decisionRunning && !c.warned_at && c.due_at.getTime() - now.getTime() <= warnDays * 86_400_000) {
        patch.warned_at = now;
        await record(deps, tx, c, null, 'warning', { clock: 'decision', dueAt: c.due_at.toISOString() }, now);
        // A reminder for the handlers (the messaging module delivers it) and, at a city branch, the move up.
        await insertOutbox(tx, 'complaint.clock_warning', c.customer_id, c.id, { complaintNo: c.complaint_no, dueAt: c.due_at.toISOString(), unitId: c.org_unit_id });
        if (c.tier === 'city') await up('clock_warning');
      } else if (c.status === 'reviewing' && c.review_due_at && !c.review_breached_at && c.review_due_at < now) {
        patch.review_breached_at = c.review_due_at;
        await record(deps, tx, c, null, 'breach', { clock: 'review', dueAt: c.review_due_at.toISOString() }, now);
      } else return;
      if (await updateComplaint(tx, c.id, c.version, patch)) {
        changed++;
        await recordAuditEvent(tx, null, { action: 'complaint.updated', entityType: 'complaint', entityId: c.id, customerId: c.customer_id, data: { action: 'clock_sweep', unitId: patch.org_unit_id ?? c.org_unit_id } });
      }
    });
  }
  return changed;
}
