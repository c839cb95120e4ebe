import type { TCreateVisitRequest, TFollowUpVisit, TVisitListQuery, TVisitMethodWhy, TVisitOutcomeRequest, TVisitType } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { hasConsent } from '../customers/index.ts';
import { entitlementsOf } from '../segmentation/index.ts';
import { customerValueFigures } from './customer-value.ts';
import { requireVisibleCustomer } from './visible-customer.ts';
import { mayReadService, mayWorkService } from './service.policy.ts';
import { sendSurveyInTransaction } from './survey.service.ts';
import { createTaskInTransaction, requireAssignable, type NewTask } from './task.service.ts';
import { DEFAULT_VISIT_METHOD, problemAnswers, scriptFor, scriptProblems, visitMethodFor, type VisitMethodThresholds } from './visit-scripts.ts';

/** Phone attempts before a visit turns into a letter (or an on-site visit for a large customer). */
export const MAX_PHONE_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

function select(db: Executor) {
  return db
    .selectFrom('follow_up_visit as v')
    .innerJoin('customer as c', 'c.id', 'v.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'v.org_unit_id')
    .leftJoin('staff as a', 'a.id', 'v.assignee_id')
    .leftJoin('policy as p', 'p.id', 'v.policy_id')
    .selectAll('v')
    .select(['c.name as customer_name', 'c.owner_agent_id', 'o.name as unit_name', 'a.display_name as assignee_name', 'p.payment_frequency']);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

/** The visit's questions: the instalment question only for a policy not paid by a single premium. */
const scriptOf = (r: Pick<Row, 'visit_type' | 'payment_frequency'>) => scriptFor(r.visit_type, { instalments: r.payment_frequency !== null && r.payment_frequency !== 'single' });

function present(r: Row, now = new Date()): TFollowUpVisit {
  const script = scriptOf(r);
  return {
    id: r.id,
    customer: { id: r.customer_id, name: r.customer_name },
    visitType: r.visit_type,
    method: r.method,
    methodReason: r.method_reason,
    methodWhy: r.method_why,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'scheduled' && r.due_at < now,
    attempts: r.attempts,
    attemptLog: r.attempt_log as TFollowUpVisit['attemptLog'],
    policyId: r.policy_id,
    claimId: r.claim_id,
    complaintId: r.complaint_id,
    source: r.source,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    unit: { id: r.org_unit_id, name: r.unit_name },
    script: script.map((q) => ({ key: q.key, kind: q.kind, required: q.required, problemIfNo: q.problemIfNo ?? false })),
    answers: r.answers as TFollowUpVisit['answers'],
    problemAnswers: problemAnswers(script, r.answers as TFollowUpVisit['answers']),
    outcomeNote: r.outcome_note,
    problemTaskId: r.problem_task_id,
    completedAt: r.completed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

export interface NewVisit {
  customerId: string;
  visitType: TVisitType;
  dueAt: Date;
  method?: 'phone' | 'on_site' | 'letter';
  policyId?: string | null;
  claimId?: string | null;
  complaintId?: string | null;
  /** Unit responsible for the visit; default the customer's unit. */
  orgUnitId?: string;
  assigneeId?: string | null;
  source: string;
}

/**
 * Schedules a visit in the caller's transaction: the method from the visit-method rule unless one
 * is given, assigned to the given staff member or the customer's agent.
 */
export async function scheduleVisitInTransaction(tx: Tx, actor: Actor | null, visit: NewVisit, thresholds: VisitMethodThresholds = DEFAULT_VISIT_METHOD, now = new Date()): Promise<string> {
  const customer = await tx.selectFrom('customer').select(['id', 'owner_agent_id', 'org_unit_id']).where('id', '=', visit.customerId).executeTakeFirstOrThrow();
  const unit = await tx.selectFrom('org_unit').select(['id', 'path']).where('id', '=', visit.orgUnitId ?? customer.org_unit_id).executeTakeFirstOrThrow();
  const figures = await customerValueFigures(tx, customer.id, shanghaiDateOf(now));
  const { entitlements } = await entitlementsOf(tx, customer.id);
  const rule = visitMethodFor(visit.visitType, { ...figures, onSiteEntitled: entitlements.onSiteVisits }, thresholds);
  const method = visit.method ?? rule.method;
  const overridden = visit.method !== undefined && visit.method !== rule.method;
  const id = newId();
  await tx
    .insertInto('follow_up_visit')
    .values({
      customer_id: customer.id, id, visit_type: visit.visitType, method, method_reason: overridden ? `chosen by ${actor?.displayName ?? 'system'} (rule: ${rule.reason})` : rule.reason,
      method_why: JSON.stringify(overridden ? { ...rule.why, chosenBy: actor?.displayName ?? 'system' } : rule.why),
      status: 'scheduled', due_at: visit.dueAt, policy_id: visit.policyId ?? null, claim_id: visit.claimId ?? null, complaint_id: visit.complaintId ?? null, source: visit.source,
      assignee_id: visit.assigneeId === undefined ? customer.owner_agent_id : visit.assigneeId, org_unit_id: unit.id, org_path: unit.path, created_at: now, updated_at: now,
    })
    .execute();
  await recordAuditEvent(tx, actor, { action: 'visit.changed', entityType: 'follow_up_visit', entityId: id, customerId: customer.id, data: { change: 'scheduled', visitType: visit.visitType, method, source: visit.source } });
  return id;
}

/** A visit scheduled by hand for a customer the caller can see. */
export async function createVisit(deps: ModuleDeps, actor: Actor, input: TCreateVisitRequest, now = new Date()) {
  if (!mayWorkService(actor)) throw forbidden('You may not schedule visits');
  await requireVisibleCustomer(deps, actor, input.customerId, 'body.customerId');
  if (input.policyId) {
    const policy = await deps.db.selectFrom('policy').select('id').where('id', '=', input.policyId).where('customer_id', '=', input.customerId).executeTakeFirst();
    if (!policy) throw fieldError('body.policyId', rule('not_of_customer', 'is not a policy of this customer'), 'NOT_FOUND');
  }
  if (input.assigneeId) await requireAssignable(deps.db, actor, input.assigneeId, 'body.assigneeId');
  const id = await inTransaction(deps.db, (tx) =>
    scheduleVisitInTransaction(tx, actor, { customerId: input.customerId, visitType: input.visitType, dueAt: new Date(input.dueAt), method: input.method, policyId: input.policyId ?? null, assigneeId: input.assigneeId ?? (actor.kind === 'staff' ? actor.id : undefined), source: 'manual' }, DEFAULT_VISIT_METHOD, now),
  );
  return present(await select(deps.db).where('v.id', '=', id).executeTakeFirstOrThrow(), now);
}

function scoped(db: Executor, actor: Actor) {
  let q = select(db).where('v.org_path', 'like', `${actor.orgPath}%`);
  if (actor.ownRecordsOnly) q = q.where((eb) => eb.or([eb('v.assignee_id', '=', actor.id), eb('c.owner_agent_id', '=', actor.id)]));
  return q;
}

/** The visit worklist: scheduled visits earliest due first (or by status/type/customer), keyset pages by (due time, id). */
export async function listVisits(deps: ModuleDeps, actor: Actor, query: TVisitListQuery, now = new Date()) {
  if (!mayReadService(actor)) throw forbidden('You may not view follow-up visits');
  let q = scoped(deps.db, actor);
  if (query.status) q = q.where('v.status', '=', query.status);
  if (query.visitType) q = q.where('v.visit_type', '=', query.visitType);
  if (query.customerId) q = q.where('v.customer_id', '=', query.customerId);
  if (query.mine === 'true') q = q.where('v.assignee_id', '=', actor.id);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('v.due_at', '>', at), eb.and([eb('v.due_at', '=', at), eb('v.id', '>', id)])]));
  }
  const rows = await q.orderBy('v.due_at').orderBy('v.id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => present(r, now)), nextCursor: rows.length > query.limit && last ? encodeCursor(last.due_at, last.id) : null };
}

export async function getVisit(deps: ModuleDeps, actor: Actor, id: string) {
  if (!mayReadService(actor)) throw forbidden('You may not view follow-up visits');
  const row = await scoped(deps.db, actor).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Follow-up visit');
  // Whether the visit survey can reach the customer: its link goes by SMS, a service message that
  // needs their consent (without it, the message is suppressed).
  return { ...present(row), surveyReachable: await hasConsent(deps, row.customer_id, 'service', 'sms') };
}

/**
 * Records one attempt. Reached: the visit is completed with the script's answers, a problem the
 * customer raised becomes a high-priority task, and the visit survey goes out. Not reached: retry
 * the next day; after the third phone attempt the visit becomes a letter. Refused: closed. An
 * unassigned visit becomes the visit of whoever records its first attempt.
 */
export async function recordVisitOutcome(deps: ModuleDeps, actor: Actor, id: string, input: TVisitOutcomeRequest, options: { publicUrl: string }, now = new Date()) {
  if (!mayWorkService(actor)) throw forbidden('You may not record visits');
  return inTransaction(deps.db, async (tx) => {
    const visit = await scoped(tx, actor).where('v.id', '=', id).executeTakeFirst();
    if (!visit) throw notFound('Follow-up visit');
    if (visit.version !== input.version) throw versionConflict('Follow-up visit');
    if (visit.status !== 'scheduled') throw new DomainError('VISIT_CLOSED', `This visit is already ${visit.status}`);
    if (input.outcome === 'letter_sent' && visit.method !== 'letter') throw fieldError('body.outcome', rule('letter_visit_only', 'a letter is recorded only for a visit whose method is letter'));
    const answers = input.answers ?? {};
    if (input.outcome === 'reached' || input.outcome === 'letter_sent') {
      const problems = input.outcome === 'reached' ? scriptProblems(scriptOf(visit), answers) : [];
      if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'Some script answers are missing or invalid', problems);
    }
    const log = [...(visit.attempt_log as TFollowUpVisit['attemptLog']), { at: now.toISOString(), outcome: input.outcome, by: actor.displayName, note: input.note ?? null }];
    const attempts = visit.attempts + 1;
    const patch: Record<string, unknown> = { attempts, attempt_log: JSON.stringify(log), outcome_note: input.note ?? visit.outcome_note, version: visit.version + 1, updated_at: now };
    // A visit nobody was assigned (a rule's, for a customer without an owner agent) becomes the visit
    // of the person who made the first attempt: the visitor the record and the worklist show.
    if (visit.assignee_id === null && actor.kind === 'staff') patch.assignee_id = actor.id;
    let problemTaskId: string | null = null;
    let surveyId: string | null = null;
    switch (input.outcome) {
      case 'reached':
      case 'letter_sent':
        Object.assign(patch, { status: 'completed', completed_at: now, answers: input.outcome === 'reached' ? JSON.stringify(answers) : null });
        break;
      case 'refused':
        Object.assign(patch, { status: 'refused', completed_at: now });
        break;
      case 'not_reached':
        if (visit.method === 'phone' && attempts >= MAX_PHONE_ATTEMPTS) {
          Object.assign(patch, { method: 'letter', method_reason: `letter: not reached by phone after ${attempts} attempts`, method_why: JSON.stringify({ key: 'not_reached', params: { attempts } } satisfies TVisitMethodWhy), due_at: new Date(now.getTime() + 3 * DAY_MS) });
        } else {
          Object.assign(patch, { due_at: new Date(now.getTime() + DAY_MS) });
        }
        break;
    }
    // A "no" to a point the script must confirm is a problem case (问题件): a high-priority task for
    // the unit — not the owner agent, whose sale it may be about — to follow up (possibly mis-selling).
    const noTo = input.outcome === 'reached' ? problemAnswers(scriptOf(visit), answers) : [];
    const visitName = visit.visit_type.replace('_', ' ');
    const problemTask: Pick<NewTask, 'text' | 'title' | 'detail' | 'assigneeId' | 'reason'> | null =
      noTo.length > 0
        ? { text: { key: 'visit_problem_case', params: { visitType: visit.visit_type, count: String(noTo.length) } }, title: `Problem case: ${noTo.length} point(s) answered no on a ${visitName} visit (${noTo.join(', ')})`, detail: input.problem ?? null, assigneeId: null, reason: `answered no: ${noTo.join(', ')}` }
        : input.problem && input.outcome === 'reached'
          ? { text: { key: 'visit_problem', params: { visitType: visit.visit_type } }, title: `Problem raised on a ${visitName} visit`, detail: input.problem, reason: 'the customer raised a problem during the follow-up visit' }
          : null;
    if (problemTask) {
      problemTaskId = await createTaskInTransaction(tx, actor, { customerId: visit.customer_id, kind: 'visit_problem', priority: 'high', dueAt: new Date(now.getTime() + 2 * DAY_MS), sourceType: 'visit', sourceId: visit.id, ...problemTask }, now);
      patch.problem_task_id = problemTaskId;
    }
    const updated = await tx.updateTable('follow_up_visit').set(patch).where('customer_id', '=', visit.customer_id).where('id', '=', visit.id).where('version', '=', visit.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict('Follow-up visit');
    // A case- or complaint-closure visit follows the closure survey already sent: no second one.
    const closureSurveyed =
      (visit.claim_id || visit.complaint_id) &&
      (await tx
        .selectFrom('survey')
        .select('id')
        .where('customer_id', '=', visit.customer_id)
        .where((eb) => eb.or([...(visit.claim_id ? [eb('claim_id', '=', visit.claim_id)] : []), ...(visit.complaint_id ? [eb('complaint_id', '=', visit.complaint_id)] : [])]))
        .executeTakeFirst());
    if (input.outcome === 'reached' && input.sendSurvey && !closureSurveyed) {
      surveyId = await sendSurveyInTransaction({ ...deps, db: tx }, { customerId: visit.customer_id, templateCode: 'visit', visitId: visit.id, claimId: visit.claim_id, complaintId: visit.complaint_id, orgUnitId: visit.org_unit_id, agentId: visit.owner_agent_id, validDays: 14, source: 'visit' }, options.publicUrl, now);
    }
    await recordAuditEvent(tx, actor, { action: 'visit.changed', entityType: 'follow_up_visit', entityId: visit.id, customerId: visit.customer_id, data: { change: 'attempt', outcome: input.outcome, attempts, problemTaskId, surveyId } });
    return present(await select(tx).where('v.id', '=', id).executeTakeFirstOrThrow(), now);
  });
}

/** Visits due in the caller's scope (dashboard). */
export async function countDueVisits(db: Executor, orgPath: string, now = new Date()) {
  const row = await db
    .selectFrom('follow_up_visit')
    .select(sql<number>`count(*)::int`.as('due'))
    .where('org_path', 'like', `${orgPath}%`)
    .where('status', '=', 'scheduled')
    .where('due_at', '<', new Date(now.getTime() + DAY_MS))
    .executeTakeFirstOrThrow();
  return row.due;
}
