import { ZTaskText, type TCreateTaskRequest, type TTask, type TTaskActionRequest, type TTaskKind, type TTaskListQuery, type TTaskPriority, type TTaskText } from '@anxin/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordAuditEvents } from '../audit/index.ts';
import { findOrgUnitById, findStaffById } from '../org/index.ts';
import { entitlementsOf } from '../segmentation/index.ts';
import { requireVisibleCustomer } from './visible-customer.ts';
import { mayReadService, mayWorkService } from './service.policy.ts';

const PRIORITIES: readonly TTaskPriority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * Entitlement (S5): tasks about a customer entitled to priority service are raised one level. The
 * entitlement comes from the segmentation module's tier rules, never from the tier name.
 */
export function priorityFor(priority: TTaskPriority, entitlements: { priorityService: boolean }): TTaskPriority {
  if (!entitlements.priorityService) return priority;
  return PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)]!;
}

function select(db: Executor) {
  return db
    .selectFrom('task as t')
    .innerJoin('customer as c', 'c.id', 't.customer_id')
    .innerJoin('org_unit as o', 'o.id', 't.org_unit_id')
    .leftJoin('staff as a', 'a.id', 't.assignee_id')
    .leftJoin('staff as e', 'e.id', 't.escalated_to_id')
    .select([
      't.id', 't.customer_id', 'c.name as customer_name', 't.kind', 't.title', 't.detail', 't.priority', 't.status', 't.assignee_id', 'a.display_name as assignee_name',
      't.org_unit_id', 'o.name as unit_name', 't.org_path', 't.due_at', 't.source_type', 't.source_id', 't.reason', 't.text_key', 't.text_params', 't.escalated_at', 't.escalated_to_id', 'e.display_name as escalated_to_name',
      't.outcome', 't.completed_at', 't.created_by_name', 't.created_at', 't.version',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const isActive = (status: string) => status === 'open' || status === 'in_progress';

function present(r: Row, now = new Date()): TTask {
  return {
    id: r.id,
    customer: { id: r.customer_id, name: r.customer_name },
    kind: r.kind,
    title: r.title,
    detail: r.detail,
    text: r.text_key ? { key: ZTaskText.shape.key.parse(r.text_key), params: r.text_params ?? {} } : null,
    priority: r.priority,
    status: r.status,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    unit: { id: r.org_unit_id, name: r.unit_name },
    dueAt: r.due_at.toISOString(),
    overdue: isActive(r.status) && r.due_at < now,
    source: { type: r.source_type, id: r.source_id },
    reason: r.reason,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    escalatedTo: r.escalated_to_id ? { id: r.escalated_to_id, name: r.escalated_to_name ?? '' } : null,
    outcome: r.outcome,
    completedAt: r.completed_at?.toISOString() ?? null,
    createdBy: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

export interface NewTask {
  customerId: string;
  kind: TTaskKind;
  title: string;
  detail?: string | null;
  priority: TTaskPriority;
  dueAt: Date;
  /** Defaults to the customer's agent. */
  assigneeId?: string | null;
  sourceType: 'manual' | 'rule' | 'survey' | 'visit';
  sourceId?: string | null;
  reason?: string | null;
  /** A system task's texts by name, for the console to translate (title, detail and reason stay in English). */
  text?: TTaskText;
}

/**
 * Creates a task in the caller's transaction: in the customer's unit, for the given assignee or the
 * customer's agent, the priority raised when the customer is entitled to priority service. Rules, surveys and visits use it.
 */
export async function createTaskInTransaction(tx: Tx, actor: Actor | null, task: NewTask, now = new Date()): Promise<string> {
  const customer = await tx
    .selectFrom('customer as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .select(['c.id', 'c.owner_agent_id', 'c.org_unit_id', 'o.path'])
    .where('c.id', '=', task.customerId)
    .executeTakeFirstOrThrow();
  const id = newId();
  const priority = priorityFor(task.priority, (await entitlementsOf(tx, customer.id)).entitlements);
  await tx
    .insertInto('task')
    .values({
      customer_id: customer.id, id, kind: task.kind, title: task.title, detail: task.detail ?? null, priority, status: 'open',
      assignee_id: task.assigneeId === undefined ? customer.owner_agent_id : task.assigneeId, org_unit_id: customer.org_unit_id, org_path: customer.path,
      due_at: task.dueAt, source_type: task.sourceType, source_id: task.sourceId ?? null, reason: task.reason ?? null,
      text_key: task.text?.key ?? null, text_params: task.text ? JSON.stringify(task.text.params) : null,
      created_by_name: actor?.displayName ?? 'system', created_at: now, updated_at: now,
    })
    .execute();
  await recordAuditEvent(tx, actor, { action: 'task.changed', entityType: 'task', entityId: id, customerId: customer.id, data: { change: 'created', kind: task.kind, priority, source: task.sourceType } });
  return id;
}

/** A task created by hand for a customer the caller can see; assigned to the caller unless another assignee is named. */
export async function createTask(deps: ModuleDeps, actor: Actor, input: TCreateTaskRequest, now = new Date()) {
  if (!mayWorkService(actor)) throw forbidden('You may not create tasks');
  await requireVisibleCustomer(deps, actor, input.customerId, 'body.customerId');
  const assigneeId = input.assigneeId ?? (actor.kind === 'staff' ? actor.id : null);
  if (input.assigneeId) await requireAssignable(deps.db, actor, input.assigneeId, 'body.assigneeId');
  const id = await inTransaction(deps.db, (tx) =>
    createTaskInTransaction(tx, actor, { customerId: input.customerId, kind: 'manual', title: input.title, detail: input.detail ?? null, priority: input.priority, dueAt: new Date(input.dueAt), assigneeId, sourceType: 'manual' }, now),
  );
  return present((await select(deps.db).where('t.id', '=', id).executeTakeFirstOrThrow()), now);
}

export async function requireAssignable(db: Executor, actor: Actor, staffId: string, field: string) {
  const staff = await findStaffById(db, staffId);
  const unit = staff ? await findOrgUnitById(db, staff.org_unit_id) : undefined;
  if (!staff || staff.status !== 'active' || !unit || !unit.path.startsWith(actor.orgPath)) throw fieldError(field, rule('not_found', 'no such active staff member in your scope'), 'NOT_FOUND');
  return staff;
}

/**
 * A task inbox: `mine` (assigned or escalated to me) or `unit` (my unit's subtree; an agent sees
 * only their own), active ones first by due time; keyset pages by (due time, id).
 */
export async function listTasks(deps: ModuleDeps, actor: Actor, query: TTaskListQuery, now = new Date()) {
  if (!mayReadService(actor)) throw forbidden('You may not view tasks');
  let q = select(deps.db).where('t.org_path', 'like', `${actor.orgPath}%`);
  if (query.inbox === 'mine' || actor.ownRecordsOnly) q = q.where((eb) => eb.or([eb('t.assignee_id', '=', actor.id), eb('t.escalated_to_id', '=', actor.id)]));
  if (query.status === 'active') q = q.where('t.status', 'in', ['open', 'in_progress']);
  else q = q.where('t.status', '=', query.status);
  if (query.customerId) q = q.where('t.customer_id', '=', query.customerId);
  if (query.overdueOnly === 'true') q = q.where('t.due_at', '<', now);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('t.due_at', '>', at), eb.and([eb('t.due_at', '=', at), eb('t.id', '>', id)])]));
  }
  const rows = await q.orderBy('t.due_at').orderBy('t.id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => present(r, now)), nextCursor: rows.length > query.limit && last ? encodeCursor(last.due_at, last.id) : null };
}

/** Start, complete (with the outcome), cancel (with why) or reassign a task in the caller's scope. */
export async function actOnTask(deps: ModuleDeps, actor: Actor, id: string, input: TTaskActionRequest, now = new Date()) {
  if (!mayWorkService(actor)) throw forbidden('You may not work tasks');
  return inTransaction(deps.db, async (tx) => {
    let q = select(tx).where('t.id', '=', id).where('t.org_path', 'like', `${actor.orgPath}%`);
    if (actor.ownRecordsOnly) q = q.where((eb) => eb.or([eb('t.assignee_id', '=', actor.id), eb('t.escalated_to_id', '=', actor.id)]));
    const task = await q.executeTakeFirst();
    if (!task) throw notFound('Task');
    if (task.version !== input.version) throw versionConflict('Task');
    if (!isActive(task.status) || (input.action === 'start' && task.status !== 'open')) {
      throw new DomainError('TASK_INVALID_TRANSITION', `A task that is ${task.status.replace('_', ' ')} cannot be ${input.action === 'start' ? 'started' : input.action === 'complete' ? 'completed' : input.action === 'cancel' ? 'cancelled' : 'reassigned'}`);
    }
    let patch: { status?: 'in_progress' | 'done' | 'cancelled'; outcome?: string; completed_at?: Date; assignee_id?: string };
    switch (input.action) {
      case 'start':
        patch = { status: 'in_progress' };
        break;
      case 'complete':
        patch = { status: 'done', outcome: input.outcome, completed_at: now };
        break;
      case 'cancel':
        patch = { status: 'cancelled', outcome: input.outcome, completed_at: now };
        break;
      case 'reassign':
        await requireAssignable(tx, actor, input.assigneeId, 'body.assigneeId');
        patch = { assignee_id: input.assigneeId };
        break;
    }
    const updated = await tx.updateTable('task').set({ ...patch, version: task.version + 1, updated_at: now }).where('customer_id', '=', task.customer_id).where('id', '=', id).where('version', '=', task.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict('Task');
    await recordAuditEvent(tx, actor, { action: 'task.changed', entityType: 'task', entityId: id, customerId: task.customer_id, data: { change: input.action, ...(input.action === 'reassign' ? { assigneeId: input.assigneeId } : {}) } });
    return present((await select(tx).where('t.id', '=', id).executeTakeFirstOrThrow()), now);
  });
}

/**
 * Overdue active tasks escalate once to the manager of their unit (the nearest unit up the tree
 * with an active branch manager): they then appear in that manager's inbox as well.
 */
export async function escalateOverdueTasks(deps: ModuleDeps, now = new Date(), limit = 500): Promise<number> {
  const overdue = await deps.db
    .selectFrom('task')
    .select(['customer_id', 'id', 'org_path', 'version'])
    .where('status', 'in', ['open', 'in_progress'])
    .where('escalated_at', 'is', null)
    .where('due_at', '<', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  if (overdue.length === 0) return 0;
  const managers = await deps.db
    .selectFrom('staff as s')
    .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .select(['s.id', 'o.path'])
    .where('s.status', '=', 'active')
    .where(sql<boolean>`'branch_manager' = ANY(s.roles)`)
    .orderBy('s.created_at')
    .execute();
  const managerFor = (path: string) => managers.filter((m) => path.startsWith(m.path)).sort((a, b) => b.path.length - a.path.length)[0];
  let changed = 0;
  await inTransaction(deps.db, async (tx) => {
    const events = [];
    for (const t of overdue) {
      const manager = managerFor(t.org_path);
      const res = await tx
        .updateTable('task')
        .set({ escalated_at: now, escalated_to_id: manager?.id ?? null, version: t.version + 1, updated_at: now })
        .where('customer_id', '=', t.customer_id)
        .where('id', '=', t.id)
        .where('version', '=', t.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) continue;
      changed++;
      events.push({ action: 'task.changed' as const, entityType: 'task', entityId: t.id, customerId: t.customer_id, data: { change: 'escalated', toStaffId: manager?.id ?? null } });
    }
    if (events.length > 0) await recordAuditEvents(tx, null, events);
  });
  return changed;
}

/** Open and overdue task counts in the caller's scope (dashboard). */
export async function countTasks(db: Executor, orgPath: string, now = new Date()) {
  const row = await db
    .selectFrom('task')
    .select([sql<number>`count(*)::int`.as('open'), sql<number>`count(*) FILTER (WHERE due_at < ${now})::int`.as('overdue')])
    .where('org_path', 'like', `${orgPath}%`)
    .where('status', 'in', ['open', 'in_progress'])
    .executeTakeFirstOrThrow();
  return row;
}
