import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { compileOnce } from '../../platform/db/compiled.ts';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { ComplaintRecordTable, ComplaintTable } from '../../platform/db/schema/complaints.ts';
import { newId } from '../../platform/ids.ts';
import { DECISION_CLOCK_STATUSES } from './complaint-status.ts';

/** Who sees a complaint: the units handling it and the customer's home unit, with everything above them. */
export interface ComplaintScope {
  orgPath: string;
}

const columns = [
  'c.customer_id',
  'c.id',
  'c.complaint_no',
  'c.channel',
  'c.category',
  'c.sub_reason',
  'c.severity',
  'c.collective',
  'c.representatives',
  'c.regulator_ref',
  'c.policy_id',
  'c.claim_id',
  'c.staff_concerned_id',
  'c.subject',
  'c.description_enc',
  'c.demand_enc',
  'c.status',
  'c.home_unit_id',
  'c.home_path',
  'c.org_unit_id',
  'c.org_path',
  'c.tier',
  'c.assignee_id',
  'c.assignee_name',
  'c.received_at',
  'c.due_at',
  'c.desk_due_at',
  'c.desk_settled',
  'c.extension_level',
  'c.warned_at',
  'c.breached_at',
  'c.decided_at',
  'c.customer_response',
  'c.responded_at',
  'c.review_due_at',
  'c.review_breached_at',
  'c.closed_at',
  'c.reopen_count',
  'c.created_at',
  'c.updated_at',
  'c.version',
  'cu.name as customer_name',
  'ou.name as org_unit_name',
  'hu.name as home_unit_name',
] as const;

function selectComplaints(db: Executor, scope?: ComplaintScope) {
  return selectComplaintsIn(db, scope ? `${scope.orgPath}%` : undefined);
}

/** Complaints handled or owned under units whose path matches `pathPattern` (all when undefined). */
function selectComplaintsIn(db: Executor, pathPattern: string | undefined) {
  let q = db
    .selectFrom('complaint as c')
    .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
    .innerJoin('org_unit as ou', 'ou.id', 'c.org_unit_id')
    .innerJoin('org_unit as hu', 'hu.id', 'c.home_unit_id')
    .select(columns);
  if (pathPattern !== undefined) q = q.where((eb) => eb.or([eb('c.org_path', 'like', pathPattern), eb('c.home_path', 'like', pathPattern)]));
  return q;
}

const complaintsOfCustomer = compileOnce((db, v: { pathPattern: string; customerId: string; limit: number }) =>
  selectComplaintsIn(db, v.pathPattern).where('c.customer_id', '=', v.customerId).orderBy('c.due_at').orderBy('c.id').limit(v.limit).modifyEnd(PREPARED),
  { timestamps: ['received_at', 'due_at', 'desk_due_at', 'warned_at', 'breached_at', 'decided_at', 'responded_at', 'review_due_at', 'review_breached_at', 'closed_at', 'created_at', 'updated_at'] },
);

/**
 * The customer's complaints in scope, by deadline, at most `limit`, as a statement not run: the 360
 * view's complaints section rides it on the customer's.
 */
export function complaintsOfCustomerStatement(db: Executor, scope: ComplaintScope, customerId: string, limit: number) {
  return complaintsOfCustomer.bound(db, { pathPattern: `${scope.orgPath}%`, customerId, limit });
}

/** One complaint (in scope, when given): read by every action and detail page, so prepared. */
const complaintById = compileOnce((db, v: { id: string; pathPattern?: string }) => selectComplaintsIn(db, v.pathPattern).where('c.id', '=', v.id).modifyEnd(PREPARED));

export async function findComplaint(db: Executor, id: string, scope?: ComplaintScope) {
  return (await complaintById(db, { id, pathPattern: scope ? `${scope.orgPath}%` : undefined }))[0];
}
export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof findComplaint>>>;

export async function lockComplaint(db: Executor, id: string) {
  await sql`SELECT id FROM complaint WHERE id = ${id} FOR UPDATE`.execute(db);
}

export async function insertComplaint(db: Executor, row: Insertable<ComplaintTable>) {
  await db.insertInto('complaint').values(row).execute();
}

/** Optimistic update: false when the version moved on. */
export async function updateComplaint(db: Executor, id: string, version: number, patch: Updateable<ComplaintTable>) {
  const row = await db
    .updateTable('complaint')
    .set({ ...patch, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRecord(db: Executor, row: Omit<Insertable<ComplaintRecordTable>, 'id'>) {
  await db
    .insertInto('complaint_record')
    .values({ id: newId(), ...row })
    .execute();
}

export async function listRecords(db: Executor, complaintId: string) {
  return db
    .selectFrom('complaint_record as r')
    .leftJoin('org_unit as f', 'f.id', 'r.from_unit_id')
    .leftJoin('org_unit as t', 't.id', 'r.to_unit_id')
    .select(['r.id', 'r.kind', 'r.data_enc', 'r.from_unit_id', 'r.to_unit_id', 'f.name as from_unit_name', 't.name as to_unit_name', 'r.actor_name', 'r.at'])
    .where('r.complaint_id', '=', complaintId)
    .orderBy('r.at')
    .orderBy('r.id')
    .execute();
}

export async function listPlaybook(db: Executor, complaintId: string) {
  return db.selectFrom('complaint_playbook_step').selectAll().where('complaint_id', '=', complaintId).execute();
}

export async function nextComplaintNumber(db: Executor, year: number) {
  const { rows } = await sql<{ n: string }>`SELECT nextval('complaint_no_seq') AS n`.execute(db);
  return `CMP${year}${String(rows[0]!.n).padStart(8, '0')}`;
}

/** Where a desk page ends: the last complaint's part of the desk (open or settled), deadline and id. */
export interface DeskCursor {
  settled: boolean;
  value: string;
  id: string;
}

/**
 * The desk: complaints in scope in two parts — open ones, the nearest deadline it shows first, then
 * (unless only open ones are asked for) the closed and withdrawn ones, the most recent deadline
 * first. Keyset on (desk_settled, desk_due_at, id): a page that finishes the open part goes on with
 * the settled one.
 */
export async function listComplaintRows(
  db: Executor,
  scope: ComplaintScope,
  query: { status?: string | undefined; category?: string | undefined; unitPath?: string | undefined; customerId?: string | undefined; open?: 'true' | 'false' | undefined; q?: string | undefined; limit: number },
  after?: DeskCursor,
) {
  const filtered = () => {
    let q = selectComplaints(db, scope);
    if (query.status) q = q.where('c.status', '=', query.status as ComplaintTable['status']);
    if (query.category) q = q.where('c.category', '=', query.category as ComplaintTable['category']);
    if (query.unitPath) {
      const like = `${query.unitPath}%`;
      q = q.where((eb) => eb.or([eb('c.org_path', 'like', like), eb('c.home_path', 'like', like)]));
    }
    if (query.customerId) q = q.where('c.customer_id', '=', query.customerId);
    if (query.q) q = q.where('c.complaint_no', 'like', `${query.q.toUpperCase().replace(/[%_\\]/g, '')}%`);
    return q;
  };
  const parts = query.open === 'true' ? [false] : query.open === 'false' ? [true] : [false, true];
  const rows: Awaited<ReturnType<ReturnType<typeof filtered>['execute']>> = [];
  for (const settled of parts) {
    if (after?.settled && !settled) continue; // the cursor is already in the settled part
    let q = filtered().where('c.desk_settled', '=', settled);
    const from = after && after.settled === settled ? after : undefined;
    if (settled) {
      if (from) q = q.where(sql<boolean>`(c.desk_due_at, c.id) < (${from.value}::timestamptz, ${from.id}::uuid)`);
      q = q.orderBy('c.desk_due_at', 'desc').orderBy('c.id', 'desc');
    } else {
      if (from) q = q.where(sql<boolean>`(c.desk_due_at, c.id) > (${from.value}::timestamptz, ${from.id}::uuid)`);
      q = q.orderBy('c.desk_due_at').orderBy('c.id');
    }
    q = q.limit(query.limit + 1 - rows.length);
    // One customer's complaints (the 360 section) are a key look-up; a desk's page depends on the scope.
    rows.push(...(await (query.customerId ? q.modifyEnd(PREPARED) : q).execute()));
    if (rows.length > query.limit) break;
  }
  return rows;
}

/** Open complaints whose decision clock is inside its warning days (not yet warned) or past its deadline (not yet marked). */
export async function findComplaintsNeedingClockWork(db: Executor, warnBefore: Date, now: Date) {
  const columns = ['id', 'status', 'due_at', 'warned_at', 'breached_at', 'review_due_at', 'review_breached_at'] as const;
  // Two index-backed look-ups (migration 0011): decision clocks to warn or breach, review clocks to breach.
  const decision = await db
    .selectFrom('complaint')
    .select(columns)
    .where('status', 'in', DECISION_CLOCK_STATUSES)
    .where('breached_at', 'is', null)
    .where('due_at', '<=', warnBefore)
    .where((eb) => eb.or([eb('warned_at', 'is', null), eb('due_at', '<', now)]))
    .orderBy('due_at')
    .limit(500)
    .execute();
  const review = await db
    .selectFrom('complaint')
    .select(columns)
    .where('status', '=', 'reviewing')
    .where('review_breached_at', 'is', null)
    .where('review_due_at', '<', now)
    .orderBy('review_due_at')
    .limit(500)
    .execute();
  return [...decision, ...review];
}

export type ComplaintOfCustomerRow = Awaited<ReturnType<typeof complaintsOfCustomer>>[number];
