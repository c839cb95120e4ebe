import type { TClaimClockKind, TClaimListQuery, TClaimStatus } from '@anxin/contracts';
import { sql, type Insertable, type Updateable } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import { withDates } from '../../platform/db/json-rows.ts';
import type { ClaimTable } from '../../platform/db/schema/claims.ts';
import type { ClockState } from './claim-clocks.ts';
import { OPEN_STATUSES } from './claim-status.ts';

/** Which claims an actor sees: its org subtree; a pure agent only claims on policies it sold or customers it owns. */
export interface ClaimScope {
  orgPath: string;
  agentId: string | null;
}

const claimColumns = [
  'c.customer_id',
  'c.id',
  'c.claim_no',
  'c.policy_id',
  'c.product_id',
  'c.line',
  'c.status',
  'c.channel',
  'c.reported_at',
  'c.incident_at',
  'c.incident_kind',
  'c.incident_enc',
  'c.reporter_name',
  'c.reporter_phone_masked',
  'c.amount_claimed_fen',
  'c.amount_approved_fen',
  'c.amount_paid_fen',
  'c.assignee_id',
  'c.assignee_name',
  'c.org_unit_id',
  'c.org_path',
  'c.agent_id',
  'c.green_channel',
  'c.multi_claim',
  'c.fraud_suspected',
  'c.fast_track',
  'c.fast_track_decision',
  'c.denial_reason',
  'c.denial_clause',
  'c.documents_complete_at',
  'c.adjusted_by',
  'c.approved_by',
  'c.approved_at',
  'c.closed_at',
  'c.created_at',
  'c.updated_at',
  'c.version',
  'p.policy_no',
  'i.name as insured_name',
] as const;

/** A scope as query values: the unit path pattern, and the agent for pure agents (absent otherwise). */
type ScopeValues = { pathPattern?: string; agentId?: string };
const scopeValues = (scope?: ClaimScope): ScopeValues => (scope ? { pathPattern: `${scope.orgPath}%`, agentId: scope.agentId ?? undefined } : {});

function selectClaims(db: Executor, scope?: ClaimScope) {
  return selectClaimsIn(db, scopeValues(scope));
}

function selectClaimsIn(db: Executor, scope: ScopeValues) {
  let q = db.selectFrom('claim as c').innerJoin('policy as p', 'p.id', 'c.policy_id').innerJoin('customer as i', 'i.id', 'c.customer_id').select(claimColumns);
  if (scope.pathPattern !== undefined) {
    q = q.where('c.org_path', 'like', scope.pathPattern);
    const agentId = scope.agentId;
    if (agentId !== undefined) q = q.where((eb) => eb.or([eb('c.agent_id', '=', agentId), eb('c.owner_agent_id', '=', agentId)]));
  }
  return q;
}

/** Claims a customer may follow in the portal: where they are the insured, or on a policy they hold. */
export async function listClaimsOfCustomer(db: Executor, customerId: string, claimId?: string) {
  let q = selectClaims(db).where((eb) => eb.or([eb('c.customer_id', '=', customerId), eb('p.customer_id', '=', customerId)]));
  if (claimId) q = q.where('c.id', '=', claimId);
  return q.orderBy('c.reported_at', 'desc').orderBy('c.id').limit(200).execute();
}

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaimById>>>;

/** One claim (in scope, when given): read by every action and detail page, so prepared. */
const claimById = compileOnce((db, v: ScopeValues & { id: string }) => selectClaimsIn(db, v).where('c.id', '=', v.id).modifyEnd(PREPARED));

export async function findClaimById(db: Executor, id: string, scope?: ClaimScope) {
  return (await claimById(db, { id, ...scopeValues(scope) }))[0];
}

/** Locks the claim row for the rest of the transaction (one writer per claim at a time). */
export async function lockClaim(db: Executor, id: string) {
  await sql`SELECT id FROM claim WHERE id = ${id} FOR UPDATE`.execute(db);
}

export async function insertClaim(db: Executor, row: Insertable<ClaimTable>) {
  await db.insertInto('claim').values(row).execute();
}

/** Optimistic update: only when the stored version is `version`; undefined otherwise. */
export async function updateClaim(db: Executor, id: string, version: number, patch: Updateable<ClaimTable>) {
  return db
    .updateTable('claim')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export async function nextClaimNumber(db: Executor, year: number) {
  const { rows } = await sql<{ n: number }>`SELECT nextval('claim_no_seq') AS n`.execute(db);
  return `CLM${year}${String(rows[0]!.n).padStart(8, '0')}`;
}

export async function insertClaimEvent(
  db: Executor,
  event: { customerId: string; claimId: string; type: string; from: TClaimStatus | null; to: TClaimStatus | null; reason: string | null; data?: Record<string, unknown>; actorId: string; actorName: string; at: Date },
) {
  await db
    .insertInto('claim_event')
    .values({
      customer_id: event.customerId,
      claim_id: event.claimId,
      type: event.type,
      from_status: event.from,
      to_status: event.to,
      reason: event.reason,
      data: JSON.stringify(event.data ?? {}),
      actor_id: event.actorId,
      actor_name: event.actorName,
      at: event.at,
    })
    .execute();
}

export async function listClaimEvents(db: Executor, claimId: string) {
  // People by their display names: the staff who acted, and whom the claim went to.
  return db
    .selectFrom('claim_event as e')
    .leftJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
    .leftJoin('staff as a', (j) => j.on(sql<boolean>`a.id::text = e.data->>'assigneeId'`))
    .select(['e.id', 'e.type', 'e.from_status', 'e.to_status', 'e.reason', 'e.data', 'e.actor_name', 'e.at', 's.display_name as actor_display_name', 'a.display_name as assignee_name'])
    .where('e.claim_id', '=', claimId)
    .orderBy('e.id')
    .execute();
}

// — clocks —

export async function findClockRules(db: Executor, line: string) {
  return db.selectFrom('claim_clock_rule').select(['line', 'clock', 'days', 'warn_days', 'source', 'version']).where('line', 'in', ['*', line]).execute();
}

const clockFromRow = (r: { kind: TClaimClockKind; started_at: Date; due_at: Date; paused_at: Date | null; stopped_at: Date | null; breached_at: Date | null; rule_days: number; rule_warn_days: number; rule_source: string; rule_version: number }): ClockState => ({
  kind: r.kind,
  startedAt: r.started_at,
  dueAt: r.due_at,
  pausedAt: r.paused_at,
  stoppedAt: r.stopped_at,
  breachedAt: r.breached_at,
  rule: { days: r.rule_days, warnDays: r.rule_warn_days, source: r.rule_source, version: r.rule_version },
});

/** A clock of the clocks column, typed as `clocksOf` returns it: the column itself carries its timestamps as ISO strings. */
type ClockJson = Parameters<typeof clockFromRow>[0];

/**
 * A list column holding each claim's clocks (start order) as JSON, so that a list reads its claims
 * and their clocks in one round trip instead of two; `clocksOf` turns it back into clock states.
 */
const clocksColumn = () => sql<ClockJson[] | null>`(SELECT json_agg(k ORDER BY k.started_at) FROM claim_clock k WHERE k.claim_id = c.id)`.as('clocks');

/** The nearest deadline of the claim's running clocks. */
const nextDueColumn = () => sql<Date | null>`(SELECT min(k.due_at) FROM claim_clock k WHERE k.claim_id = c.id AND k.stopped_at IS NULL)`.as('next_due_at');

/** The clocks of a row read with the clocks column. */
export function clocksOf(row: { clocks: ClockJson[] | null }): ClockState[] {
  return withDates<ClockJson>(row.clocks ?? [], ['started_at', 'due_at', 'paused_at', 'stopped_at', 'breached_at']).map(clockFromRow);
}

export async function listClocks(db: Executor, claimIds: readonly string[]) {
  if (claimIds.length === 0) return new Map<string, ClockState[]>();
  const rows = await db.selectFrom('claim_clock').selectAll().where('claim_id', 'in', claimIds).orderBy('started_at').modifyEnd(PREPARED).execute();
  const byClaim = new Map<string, ClockState[]>();
  for (const r of rows) byClaim.set(r.claim_id, [...(byClaim.get(r.claim_id) ?? []), clockFromRow(r)]);
  return byClaim;
}

/** Writes a clock (a restarted clock replaces the old one of the same kind). */
export async function saveClock(db: Executor, customerId: string, claimId: string, clock: ClockState) {
  const values = {
    started_at: clock.startedAt,
    due_at: clock.dueAt,
    paused_at: clock.pausedAt,
    stopped_at: clock.stoppedAt,
    breached_at: clock.breachedAt,
    rule_days: clock.rule.days,
    rule_warn_days: clock.rule.warnDays,
    rule_source: clock.rule.source,
    rule_version: clock.rule.version,
  };
  await db
    .insertInto('claim_clock')
    .values({ customer_id: customerId, claim_id: claimId, kind: clock.kind as TClaimClockKind, ...values })
    .onConflict((oc) => oc.columns(['claim_id', 'kind']).doUpdateSet(values))
    .execute();
}

/** Running clocks past their deadline and not yet marked breached (the sweep's work list). */
export async function findOverdueUnmarkedClocks(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('claim_clock')
    .select(['claim_id', 'customer_id', 'kind'])
    .where('stopped_at', 'is', null)
    .where('paused_at', 'is', null)
    .where('breached_at', 'is', null)
    .where('due_at', '<', now)
    .limit(limit)
    .execute();
}

// — lists —

export const CLAIM_CURSOR_SORTS = ['-reportedAt', 'reportedAt'] as const;

/** A page of claims in scope. `priority`: green channel first, then the earliest running clock, then oldest. */
export async function listClaims(db: Executor, scope: ClaimScope, query: TClaimListQuery & { actorId: string }, after?: { value: string; id: string }) {
  let q = selectClaims(db, scope).select([nextDueColumn(), clocksColumn()]);
  if (query.status) q = q.where('c.status', 'in', Array.isArray(query.status) ? query.status : [query.status]);
  if (query.open === 'true') q = q.where('c.status', 'in', OPEN_STATUSES);
  if (query.open === 'false') q = q.where('c.status', 'not in', OPEN_STATUSES);
  if (query.customerId) q = q.where('c.customer_id', '=', query.customerId);
  if (query.policyId) q = q.where('c.policy_id', '=', query.policyId);
  if (query.assigneeId === 'me') q = q.where('c.assignee_id', '=', query.actorId);
  else if (query.assigneeId === 'none') q = q.where('c.assignee_id', 'is', null);
  else if (query.assigneeId) q = q.where('c.assignee_id', '=', query.assigneeId);
  if (query.q) {
    // A claim number (or just its sequence, as a customer reads it out: "16"), a policy number, or the insured's name.
    const text = query.q.replace(/[%_\\]/g, '');
    const upper = text.toUpperCase();
    const sequence = /^\d{1,8}$/.test(text) ? [`%${text.padStart(8, '0')}`] : [];
    q = q.where((eb) => eb.or([eb('c.claim_no', 'like', `${upper}%`), ...sequence.map((s) => eb('c.claim_no', 'like', s)), eb('p.policy_no', 'like', `${upper}%`), eb('i.name', 'like', `${text}%`)]));
  }
  if (query.sort === 'priority') {
    // Work-queue order: a bounded page (no cursor), green channel first, then the nearest deadline.
    return q
      .orderBy('c.green_channel', 'desc')
      .orderBy(sql`(SELECT min(k.due_at) FROM claim_clock k WHERE k.claim_id = c.id AND k.stopped_at IS NULL) ASC NULLS LAST`)
      .orderBy('c.reported_at')
      .orderBy('c.id')
      .limit(query.limit)
      .execute();
  }
  const desc = query.sort === '-reportedAt';
  if (after) q = q.where(sql<boolean>`(c.reported_at, c.id) ${sql.raw(desc ? '<' : '>')} (${after.value}::timestamptz, ${after.id}::uuid)`);
  q = q
    .orderBy('c.reported_at', desc ? 'desc' : 'asc')
    .orderBy('c.id', desc ? 'desc' : 'asc')
    .limit(query.limit + 1);
  // One customer's claims (the 360 section) are a key look-up; a queue's page depends on the scope.
  return (query.customerId ? q.modifyEnd(PREPARED) : q).execute();
}

const claimsOfCustomer = compileOnce((db, v: ScopeValues & { customerId: string; limit: number }) =>
  selectClaimsIn(db, v).select([nextDueColumn(), clocksColumn()]).where('c.customer_id', '=', v.customerId).orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(v.limit).modifyEnd(PREPARED),
  { timestamps: ['reported_at', 'incident_at', 'documents_complete_at', 'approved_at', 'closed_at', 'created_at', 'updated_at', 'next_due_at'] },
);

/**
 * The customer's claims (as the insured) in scope, newest first, at most `limit`, with their clocks,
 * as a statement not run: the 360 view's claims section rides it on the customer's.
 */
export function claimsOfCustomerStatement(db: Executor, scope: ClaimScope, customerId: string, limit: number) {
  return claimsOfCustomer.bound(db, { customerId, limit, ...scopeValues(scope) });
}

/** Claims in scope with a breached clock or a clock within its warning days. */
export async function listClaimsNeedingAttention(db: Executor, scope: ClaimScope, now: Date) {
  return selectClaims(db, scope)
    .select([nextDueColumn(), clocksColumn()])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('claim_clock as k')
          .select('k.claim_id')
          .whereRef('k.claim_id', '=', 'c.id')
          .where((w) =>
            w.or([
              w.and([w('k.stopped_at', 'is', null), w('k.paused_at', 'is', null), sql<boolean>`k.due_at - make_interval(days => k.rule_warn_days) <= ${now}`]),
              w('k.breached_at', 'is not', null),
            ]),
          ),
      ),
    )
    .where('c.status', 'in', [...OPEN_STATUSES, 'denied'])
    .orderBy(sql`(SELECT min(k.due_at) FROM claim_clock k WHERE k.claim_id = c.id AND k.stopped_at IS NULL) ASC NULLS LAST`)
    .limit(500)
    .execute();
}

/** Open claims assigned per adjuster, for routing by workload. */
export async function openClaimCounts(db: Executor, staffIds: readonly string[]) {
  if (staffIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('claim')
    .select(['assignee_id', sql<number>`count(*)`.as('n')])
    .where('assignee_id', 'in', staffIds)
    .where('status', 'in', OPEN_STATUSES)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Active claims adjusters in the claim's unit or an ancestor of it (nearest first). */
export async function findAdjustersFor(db: Executor, orgPath: string) {
  return db
    .selectFrom('staff as s')
    .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .select(['s.id', 's.display_name', 's.username', 'o.path'])
    .where('s.status', '=', 'active')
    .where(sql<boolean>`'claims_adjuster' = ANY(s.roles)`)
    .where(sql<boolean>`${orgPath} LIKE o.path || '%'`)
    .orderBy(sql`length(o.path)`, 'desc')
    .orderBy('s.username')
    .execute();
}

/** The adjusters a claim may be given to (its unit or above), with their unit and open claims, nearest unit first. */
export async function findAdjustersWithLoad(db: Executor, orgPath: string) {
  return db
    .selectFrom('staff as s')
    .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .select(['s.id', 's.display_name', 'o.name as unit_name'])
    .select(sql<number>`(SELECT count(*) FROM claim c WHERE c.assignee_id = s.id AND c.status IN (${sql.join([...OPEN_STATUSES])}))`.as('open_claims'))
    .where('s.status', '=', 'active')
    .where(sql<boolean>`'claims_adjuster' = ANY(s.roles)`)
    .where(sql<boolean>`${orgPath} LIKE o.path || '%'`)
    .orderBy(sql`length(o.path)`, 'desc')
    .orderBy('s.username')
    .execute();
}

/** Claims of the customer reported since `since` (not counting `exceptId`). */
export async function countRecentClaims(db: Executor, customerId: string, since: Date, exceptId: string) {
  const row = await db
    .selectFrom('claim')
    .select(sql<number>`count(*)`.as('n'))
    .where('customer_id', '=', customerId)
    .where('reported_at', '>=', since)
    .where('id', '<>', exceptId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function customerHasFraudFlag(db: Executor, customerId: string) {
  const row = await db.selectFrom('claim').select('id').where('customer_id', '=', customerId).where('fraud_suspected', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Invoice numbers among `invoiceNos` already claimed on another (not withdrawn) claim. */
export async function findClaimedInvoices(db: Executor, invoiceNos: readonly string[], exceptClaimId: string) {
  if (invoiceNos.length === 0) return [];
  const rows = await db
    .selectFrom('claim_invoice as ci')
    .innerJoin('claim as c', 'c.id', 'ci.claim_id')
    .select('ci.invoice_no')
    .where('ci.invoice_no', 'in', invoiceNos)
    .where('ci.claim_id', '<>', exceptClaimId)
    .where('c.status', 'not in', ['withdrawn', 'denied'])
    .execute();
  return [...new Set(rows.map((r) => r.invoice_no))];
}

export async function insertInvoices(db: Executor, rows: { customer_id: string; claim_id: string; invoice_no: string; amount_fen: number }[]) {
  if (rows.length > 0) await db.insertInto('claim_invoice').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

// — documents, notices, adjustment, payments —

export async function listDocuments(db: Executor, claimId: string) {
  return db
    .selectFrom('claim_document')
    .select(['id', 'code', 'file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key', 'uploaded_at', 'uploaded_by_name'])
    .where('claim_id', '=', claimId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function listNotices(db: Executor, claimId: string) {
  return db.selectFrom('claim_document_notice').select(['id', 'codes', 'first', 'late_reason', 'sent_at', 'sent_by_name']).where('claim_id', '=', claimId).orderBy('sent_at').orderBy('id').execute();
}

export async function listAdjustmentLines(db: Executor, claimId: string) {
  return db.selectFrom('claim_adjustment_line').selectAll().where('claim_id', '=', claimId).orderBy('line_no').execute();
}

export async function listPayments(db: Executor, claimId: string) {
  return db
    .selectFrom('claim_payment')
    .select(['id', 'kind', 'payee_name', 'bank_account_masked', 'amount_fen', 'paid_at', 'recorded_by_name'])
    .where('claim_id', '=', claimId)
    .orderBy('paid_at')
    .orderBy('id')
    .execute();
}

/** Appends an event for after-commit side effects (messages, surveys, follow-up visits). */

export async function readSetting<T>(db: Executor, key: string): Promise<T> {
  const row = await db.selectFrom('claim_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value as T;
}

export type ClaimOfCustomerRow = Awaited<ReturnType<typeof claimsOfCustomer>>[number];
