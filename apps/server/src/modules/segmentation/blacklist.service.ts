import type { TBlacklistEntry, ZBlacklistQuery, ZCreateBlacklistEntryRequest, ZDecideBlacklistEntryRequest } from '@anxin/contracts';
import type { ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { inTransaction, type Executor, type Tx } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, fieldError, forbidden, notFound, rule, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { getVisibleCustomer } from '../customers/index.ts';

type TBlacklistQuery = z.infer<typeof ZBlacklistQuery>;
type TCreateBlacklistEntryRequest = z.infer<typeof ZCreateBlacklistEntryRequest>;
type TDecideBlacklistEntryRequest = z.infer<typeof ZDecideBlacklistEntryRequest>;

// Order of checks (docs/api.md): the permission first (403), then the data scope, enforced in SQL (404).
const mayReadBlacklist = (actor: Actor) => hasPermission(actor, 'blacklist:read');
const mayRequestBlacklist = (actor: Actor) => hasPermission(actor, 'blacklist:request');
const mayDecideBlacklist = (actor: Actor) => hasPermission(actor, 'blacklist:approve');

/** SQL condition "this entry is in effect on `today`" over alias `b`: approved, started, not yet expired. */
function inEffectOn(eb: ExpressionBuilder<DB & { b: DB['blacklist_entry'] }, 'b'>, today: string) {
  return eb.and([eb('b.status', '=', 'active'), eb('b.starts_on', '<=', today), eb.or([eb('b.expires_on', 'is', null), eb('b.expires_on', '>', today)])]);
}

/** Whether an entry is in effect on `today` (a Shanghai calendar date). */
const isInEffect = (e: { status: string; starts_on: string; expires_on: string | null }, today: string) =>
  e.status === 'active' && e.starts_on <= today && (e.expires_on === null || today < e.expires_on);

/**
 * The blacklist entry in effect for a customer on `today` (Shanghai date), or null: what claims,
 * policies, messages and automation consult. No audit here — a caller that shows the result to
 * staff records `blacklist.viewed`.
 */
export async function blacklistInEffect(db: Executor, customerId: string, today: string): Promise<{ id: string; reason: string } | null> {
  const row = await db
    .selectFrom('blacklist_entry as b')
    .select(['b.id', 'b.reason'])
    .where('b.customer_id', '=', customerId)
    .where((eb) => inEffectOn(eb, today))
    .orderBy('b.starts_on')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Which of these customers are blacklisted in effect on `today` (one query; for batches such as automation rules). */
export async function blacklistedInEffect(db: Executor, customerIds: readonly string[], today: string): Promise<Set<string>> {
  const found = new Set<string>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('blacklist_entry as b')
      .select('b.customer_id')
      .where('b.customer_id', 'in', ids.slice(i, i + 1000))
      .where((eb) => inEffectOn(eb, today))
      .execute();
    for (const r of rows) found.add(r.customer_id);
  }
  return found;
}

function select(db: Executor) {
  return db
    .selectFrom('blacklist_entry as b')
    .innerJoin('customer as c', 'c.id', 'b.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .select([
      'b.customer_id', 'b.id', 'c.name as customer_name', 'b.reason', 'b.detail', 'b.evidence', 'b.status', 'b.starts_on', 'b.expires_on', 'b.requested_by', 'b.requested_by_name',
      'b.requested_at', 'b.decided_by', 'b.decided_by_name', 'b.decided_at', 'b.decision_note', 'b.lifted_at', 'b.lifted_by_name', 'b.lift_note', 'b.version',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

/** Entries of customers in the actor's data scope (the customer's current unit); agents only their own customers. */
function scoped(db: Executor, actor: Actor) {
  let q = select(db).where('o.path', 'like', `${actor.orgPath}%`);
  if (actor.ownRecordsOnly) q = q.where('c.owner_agent_id', '=', actor.id);
  return q;
}

function present(r: Row, today: string): TBlacklistEntry {
  return {
    id: r.id,
    customer: { id: r.customer_id, name: r.customer_name },
    reason: r.reason,
    detail: r.detail,
    evidence: r.evidence,
    status: r.status,
    inEffect: isInEffect(r, today),
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    requestedBy: r.requested_by_name,
    requestedById: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
    liftedBy: r.lifted_by_name,
    liftedAt: r.lifted_at?.toISOString() ?? null,
    liftNote: r.lift_note,
    version: r.version,
  };
}

/** Blacklist entries are requested and decided by people (the columns reference staff), never by API keys or jobs. */
function requireStaff(actor: Actor, what: string) {
  if (actor.kind !== 'staff') throw forbidden(`Only staff may ${what}`);
}

/** A keyset page of the blacklist in the actor's scope, newest request first; the look-up is audited. */
export async function listBlacklist(deps: ModuleDeps, actor: Actor, query: TBlacklistQuery, now = new Date()) {
  if (!mayReadBlacklist(actor)) throw forbidden('You may not look up the blacklist');
  const today = shanghaiDateOf(now);
  let q = scoped(deps.db, actor);
  if (query.status === 'in_effect') q = q.where((eb) => inEffectOn(eb, today));
  else if (query.status === 'in_effect_or_upcoming') q = q.where('b.status', '=', 'active').where((eb) => eb.or([eb('b.expires_on', 'is', null), eb('b.expires_on', '>', today)]));
  else if (query.status) q = q.where('b.status', '=', query.status);
  if (query.customerId) q = q.where('b.customer_id', '=', query.customerId);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('b.requested_at', '<', at), eb.and([eb('b.requested_at', '=', at), eb('b.id', '<', id)])]));
  }
  const rows = await q.orderBy('b.requested_at', 'desc').orderBy('b.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await recordStandaloneAuditEvent(deps.db, actor, {
    action: 'blacklist.viewed',
    entityType: 'blacklist_entry',
    customerId: query.customerId ?? null,
    data: { view: 'list', status: query.status ?? null, customerId: query.customerId ?? null, results: page.length },
  });
  return { items: page.map((r) => present(r, today)), nextCursor: rows.length > query.limit && last ? encodeCursor(last.requested_at, last.id) : null };
}

/** One entry in the actor's scope; the look-up is audited. */
export async function getBlacklistEntry(deps: ModuleDeps, actor: Actor, id: string, now = new Date()) {
  if (!mayReadBlacklist(actor)) throw forbidden('You may not look up the blacklist');
  const row = await scoped(deps.db, actor).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Blacklist entry');
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'blacklist.viewed', entityType: 'blacklist_entry', entityId: id, customerId: row.customer_id, data: { view: 'entry' } });
  return present(row, shanghaiDateOf(now));
}

export interface NewBlacklistRequest {
  customerId: string;
  reason: TBlacklistEntry['reason'];
  detail: string;
  evidence: string;
  startsOn: string;
  expiresOn?: string | null;
}

/**
 * Writes a pending request in the caller's transaction (used by the request route and by a risk
 * alert closed with `blacklist_proposed`). The customer row is locked so two concurrent requests
 * cannot both pass the duplicate check. Returns the new id, or DUPLICATE when the customer already
 * has a pending request or an entry that has not expired.
 */
export async function requestBlacklistInTransaction(tx: Tx, actor: Actor, input: NewBlacklistRequest, now: Date, field = 'body.customerId'): Promise<string> {
  requireStaff(actor, 'request blacklist entries');
  await tx.selectFrom('customer').select('id').where('id', '=', input.customerId).forUpdate().executeTakeFirstOrThrow();
  const today = shanghaiDateOf(now);
  const existing = await tx
    .selectFrom('blacklist_entry as b')
    .select(['b.id', 'b.status'])
    .where('b.customer_id', '=', input.customerId)
    .where((eb) => eb.or([eb('b.status', '=', 'pending'), eb.and([eb('b.status', '=', 'active'), eb.or([eb('b.expires_on', 'is', null), eb('b.expires_on', '>', today)])])]))
    .executeTakeFirst();
  if (existing) throw new DomainError('DUPLICATE', `The customer already has a ${existing.status} blacklist entry`, [{ field, message: `already has a ${existing.status} blacklist entry`, rule: 'already_blacklisted', params: { status: existing.status } }], { existingId: existing.id });
  const id = newId();
  await tx
    .insertInto('blacklist_entry')
    .values({
      customer_id: input.customerId, id, reason: input.reason, detail: input.detail, evidence: input.evidence, status: 'pending', starts_on: input.startsOn, expires_on: input.expiresOn ?? null,
      requested_by: actor.id, requested_by_name: actor.displayName, requested_at: now, updated_at: now,
    })
    .execute();
  await recordAuditEvent(tx, actor, { action: 'blacklist.changed', entityType: 'blacklist_entry', entityId: id, customerId: input.customerId, data: { change: 'requested', reason: input.reason, startsOn: input.startsOn, expiresOn: input.expiresOn ?? null } });
  return id;
}

/** Requests that a customer in the actor's scope be blacklisted, with reason and evidence; an approver (another person) decides. */
export async function requestBlacklistEntry(deps: ModuleDeps, actor: Actor, input: TCreateBlacklistEntryRequest, now = new Date()) {
  if (!mayRequestBlacklist(actor)) throw forbidden('You may not request blacklist entries');
  requireStaff(actor, 'request blacklist entries');
  if (input.expiresOn !== undefined && input.expiresOn <= input.startsOn) throw fieldError('body.expiresOn', rule('range_reversed', 'must be after startsOn'));
  try {
    await getVisibleCustomer(deps, actor, input.customerId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw fieldError('body.customerId', rule('not_found', 'no such customer in your scope'), 'NOT_FOUND');
    throw error;
  }
  const id = await inTransaction(deps.db, (tx) => requestBlacklistInTransaction(tx, actor, input, now));
  return present((await select(deps.db).where('b.id', '=', id).executeTakeFirstOrThrow()), shanghaiDateOf(now));
}

type Decision = 'approve' | 'reject' | 'lift';
const FROM: Record<Decision, 'pending' | 'active'> = { approve: 'pending', reject: 'pending', lift: 'active' };

/**
 * Approves or rejects a pending request (four eyes: never one's own request), or lifts an active
 * entry early; with the decision note and the version as read.
 */
export async function decideBlacklistEntry(deps: ModuleDeps, actor: Actor, id: string, decision: Decision, input: TDecideBlacklistEntryRequest, now = new Date()) {
  if (!mayDecideBlacklist(actor)) throw forbidden('You may not decide blacklist entries');
  requireStaff(actor, 'decide blacklist entries');
  return inTransaction(deps.db, async (tx) => {
    const entry = await scoped(tx, actor).where('b.id', '=', id).executeTakeFirst();
    if (!entry) throw notFound('Blacklist entry');
    if (entry.version !== input.version) throw versionConflict('Blacklist entry');
    if (entry.status !== FROM[decision]) {
      throw new DomainError('BLACKLIST_INVALID_TRANSITION', `A ${entry.status} blacklist entry cannot be ${decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'lifted'}`);
    }
    if (decision !== 'lift' && entry.requested_by === actor.id) throw new DomainError('BLACKLIST_SELF_APPROVAL', 'A blacklist request must be decided by someone other than the person who requested it');
    const patch =
      decision === 'lift'
        ? { status: 'lifted' as const, lifted_at: now, lifted_by: actor.id, lifted_by_name: actor.displayName, lift_note: input.note }
        : { status: decision === 'approve' ? ('active' as const) : ('rejected' as const), decided_by: actor.id, decided_by_name: actor.displayName, decided_at: now, decision_note: input.note };
    const updated = await tx
      .updateTable('blacklist_entry')
      .set({ ...patch, version: entry.version + 1, updated_at: now })
      .where('customer_id', '=', entry.customer_id)
      .where('id', '=', id)
      .where('version', '=', entry.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict('Blacklist entry');
    await recordAuditEvent(tx, actor, { action: 'blacklist.changed', entityType: 'blacklist_entry', entityId: id, customerId: entry.customer_id, data: { change: decision, from: entry.status, to: patch.status } });
    return present((await select(tx).where('b.id', '=', id).executeTakeFirstOrThrow()), shanghaiDateOf(now));
  });
}
