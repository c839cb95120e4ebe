import type { TCorrectiveAction, TCorrectiveActionProgressRequest, TCreateCorrectiveActionRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findOrgUnitById } from '../org/index.ts';
import { complaintScopeOf, mayApproveComplaints, mayHandleComplaints, mayReadComplaints } from './complaint.policy.ts';
import { findComplaint } from './complaint.repository.ts';

const today = (now = new Date()) => shanghaiDateOf(now);

function select(db: Executor) {
  return db
    .selectFrom('corrective_action as a')
    .innerJoin('org_unit as o', 'o.id', 'a.owner_unit_id')
    .leftJoin('complaint as c', 'c.id', 'a.complaint_id')
    .select(['a.id', 'a.complaint_id', 'c.complaint_no', 'a.analysis_month', 'a.owner_unit_id', 'o.name as owner_name', 'a.owner_path', 'a.title', 'a.root_cause', 'a.due_on', 'a.status', 'a.evidence', 'a.effect', 'a.escalated_at', 'a.source', 'a.text_key', 'a.text_params', 'a.created_by_name', 'a.created_at', 'a.version']);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const present = (r: Row, now = new Date()): TCorrectiveAction => ({
  id: r.id,
  complaint: r.complaint_id && r.complaint_no ? { id: r.complaint_id, complaintNo: r.complaint_no } : null,
  analysisMonth: r.analysis_month,
  ownerUnit: { id: r.owner_unit_id, name: r.owner_name },
  title: r.title,
  rootCause: r.root_cause,
  text: r.text_key ? { key: r.text_key, params: r.text_params ?? {} } : null,
  dueOn: r.due_on,
  status: r.status,
  overdue: (r.status === 'open' || r.status === 'overdue_escalated') && r.due_on < today(now),
  evidence: r.evidence,
  effect: r.effect,
  escalatedAt: r.escalated_at?.toISOString() ?? null,
  source: r.source,
  createdBy: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

/** Corrective actions owned by units in the caller's scope, the earliest due first. */
export async function listCorrectiveActions(deps: ModuleDeps, actor: Actor, query: { status?: string | undefined; unitId?: string | undefined }) {
  if (!mayReadComplaints(actor)) throw forbidden('You may not view complaints');
  let path = actor.orgPath;
  if (query.unitId) {
    const unit = await findOrgUnitById(deps.db, query.unitId);
    if (!unit || !unit.path.startsWith(actor.orgPath)) throw fieldError('querystring.unitId', rule('not_found', 'no such unit in your scope'), 'NOT_FOUND');
    path = unit.path;
  }
  let q = select(deps.db).where('a.owner_path', 'like', `${path}%`);
  if (query.status) q = q.where('a.status', '=', query.status as Row['status']);
  const rows = await q.orderBy('a.due_on').orderBy('a.id').limit(500).execute();
  return { items: rows.map((r) => present(r)) };
}

/** A corrective action from a complaint or a month's analysis, owned by a unit in the caller's scope. */
export async function createCorrectiveAction(deps: ModuleDeps, actor: Actor, input: TCreateCorrectiveActionRequest, now = new Date()) {
  if (!mayHandleComplaints(actor)) throw forbidden('You may not manage corrective actions');
  const unit = await findOrgUnitById(deps.db, input.ownerUnitId);
  if (!unit || unit.status !== 'active' || !unit.path.startsWith(actor.orgPath)) throw fieldError('body.ownerUnitId', rule('not_found', 'no such active unit in your scope'), 'NOT_FOUND');
  if (input.complaintId && !(await findComplaint(deps.db, input.complaintId, complaintScopeOf(actor)))) throw fieldError('body.complaintId', rule('not_found', 'no such complaint in your scope'), 'NOT_FOUND');
  if (input.dueOn < today(now)) throw fieldError('body.dueOn', rule('in_past', 'is in the past'));
  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('corrective_action')
      .values({ id, source: input.complaintId ? 'complaint' : 'analysis', survey_id: null, complaint_id: input.complaintId ?? null, analysis_month: input.analysisMonth ?? null, owner_unit_id: unit.id, owner_path: unit.path, title: input.title, root_cause: input.rootCause, due_on: input.dueOn, status: 'open', created_by_name: actor.displayName, created_at: now, updated_at: now })
      .execute();
    await recordAuditEvent(tx, actor, { action: 'corrective_action.changed', entityType: 'corrective_action', entityId: id, data: { change: 'created', ownerUnitId: unit.id, complaintId: input.complaintId ?? null } });
  });
  return present((await select(deps.db).where('a.id', '=', id).executeTakeFirst())!);
}

/**
 * The owner completes the action with evidence; a manager verifies its effect (or rejects it, and
 * it is open again). Verified actions are final.
 */
export async function progressCorrectiveAction(deps: ModuleDeps, actor: Actor, id: string, input: TCorrectiveActionProgressRequest, now = new Date()) {
  if (input.action === 'complete' ? !mayHandleComplaints(actor) : !mayApproveComplaints(actor)) throw forbidden(input.action === 'complete' ? 'You may not manage corrective actions' : 'Only managers verify corrective actions');
  return inTransaction(deps.db, async (tx) => {
    const row = await select(tx).where('a.id', '=', id).where('a.owner_path', 'like', `${actor.orgPath}%`).executeTakeFirst();
    if (!row) throw notFound('Corrective action');
    if (row.version !== input.version) throw versionConflict('Corrective action');
    const allowed = input.action === 'complete' ? ['open', 'overdue_escalated'] : ['done'];
    if (!allowed.includes(row.status)) throw new DomainError('COMPLAINT_INVALID_TRANSITION', `A corrective action that is ${row.status} cannot be ${input.action === 'complete' ? 'completed' : input.action === 'verify' ? 'verified' : 'rejected'}`);
    const patch =
      input.action === 'complete'
        ? { status: 'done' as const, evidence: input.evidence }
        : input.action === 'verify'
          ? { status: 'verified' as const, effect: input.effect }
          : { status: 'open' as const, effect: `rejected: ${input.reason}` };
    await tx.updateTable('corrective_action').set({ ...patch, version: row.version + 1, updated_at: now }).where('id', '=', id).execute();
    await recordAuditEvent(tx, actor, { action: 'corrective_action.changed', entityType: 'corrective_action', entityId: id, data: { change: input.action } });
    return present((await select(tx).where('a.id', '=', id).executeTakeFirst())!, now);
  });
}

/** Overdue open actions are escalated once, like a complaint: to the unit one level up, with the escalation time. */
export async function escalateOverdueActions(deps: ModuleDeps, now = new Date()) {
  const due = await deps.db.selectFrom('corrective_action').select(['id', 'owner_unit_id', 'version']).where('status', '=', 'open').where('due_on', '<', today(now)).limit(500).execute();
  let changed = 0;
  for (const a of due) {
    await inTransaction(deps.db, async (tx) => {
      const unit = (await findOrgUnitById(tx, a.owner_unit_id))!;
      const parent = unit.parent_id ? await findOrgUnitById(tx, unit.parent_id) : undefined;
      const target = parent ?? unit;
      const updated = await tx
        .updateTable('corrective_action')
        .set({ status: 'overdue_escalated', escalated_at: now, owner_unit_id: target.id, owner_path: target.path, version: a.version + 1, updated_at: now })
        .where('id', '=', a.id)
        .where('version', '=', a.version)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return;
      changed++;
      await recordAuditEvent(tx, null, { action: 'corrective_action.changed', entityType: 'corrective_action', entityId: a.id, data: { change: 'escalated', fromUnitId: unit.id, toUnitId: target.id } });
    });
  }
  return changed;
}

/**
 * A service-improvement item from a low survey score (closed loop, V4): a corrective action of the
 * responsible unit, source `survey`, tracked to closure like any other. In the caller's transaction.
 */
export async function openServiceImprovementInTransaction(tx: Tx, item: { ownerUnitId: string; title: string; rootCause: string; text: { key: string; params: Record<string, string | number> }; dueOn: string; surveyId: string }, now = new Date()) {
  const unit = await findOrgUnitById(tx, item.ownerUnitId);
  if (!unit) throw notFound('Org unit');
  const id = newId();
  await tx
    .insertInto('corrective_action')
    .values({ id, source: 'survey', survey_id: item.surveyId, complaint_id: null, analysis_month: null, owner_unit_id: unit.id, owner_path: unit.path, title: item.title, root_cause: item.rootCause, text_key: item.text.key, text_params: JSON.stringify(item.text.params), due_on: item.dueOn, status: 'open', created_by_name: 'system', created_at: now, updated_at: now })
    .execute();
  await recordAuditEvent(tx, null, { action: 'corrective_action.changed', entityType: 'corrective_action', entityId: id, data: { change: 'created', ownerUnitId: unit.id, surveyId: item.surveyId } });
  return id;
}
