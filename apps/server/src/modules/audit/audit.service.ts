import type { TAuditAction, TAuditQuery, TAuditVerifyResult } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';
import { appendAuditEvent, appendAuditEvents, appendAuditEventsAfter, findAuditEvents, readChainBatch, type ChainHead } from './audit.repository.ts';
import { canReadAudit } from './audit.policy.ts';
import type { AuditLabels } from './audit.presenter.ts';
import { maskCustomerName } from '../customers/index.ts';

/** What a module says happened; the actor, time and request id are added here. */
export interface AuditEntry {
  action: TAuditAction;
  entityType: string;
  entityId?: string | null;
  customerId?: string | null;
  /** Why personal data was read (required by PIPL for unmasking). */
  purpose?: string | null;
  /** Small, non-sensitive payload: ids, changed field names, never personal data values. */
  data?: Record<string, unknown>;
  /** For events without an actor (a failed login): the request they came from. */
  requestId?: string | null;
}

/**
 * Records an audit event in the caller's transaction, so the event exists if and only if the
 * change it describes was committed.
 */
export async function recordAuditEvent(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await appendAuditEvent(tx, chainedFieldsOf(actor, entry));
}

/** Several events in the caller's transaction, in order (a bulk write audits each record it made). */
export async function recordAuditEvents(tx: Tx, actor: Actor | null, entries: readonly AuditEntry[]): Promise<void> {
  await appendAuditEvents(tx, entries.map((entry) => chainedFieldsOf(actor, entry)));
}

function chainedFieldsOf(actor: Actor | null, entry: AuditEntry): Omit<ChainedFields, 'seq'> {
  return {
    id: newId(),
    at: new Date(),
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    actorOrgUnitId: actor && actor.kind !== 'system' ? actor.orgUnitId : null,
    action: entry.action,
    entityType: entry.entityType,
    // Stored as text, so hashed as text: an integer id (a job's) would otherwise hash as a number
    // and the stored event would no longer match its hash.
    entityId: entry.entityId == null ? null : String(entry.entityId),
    customerId: entry.customerId ?? null,
    purpose: entry.purpose ?? null,
    requestId: actor?.requestId ?? entry.requestId ?? null,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
  };
}

/**
 * Records an event that belongs to no business transaction — a read of personal data, an export —
 * in a transaction of its own, and resolves once it is committed. Concurrent callers share that
 * transaction (group commit): while one batch commits, the next collects, so a busy server appends
 * many reads per lock and per commit instead of one. A batch is one statement when the chain's last
 * link is still the one this process wrote (see appendAuditEventsAfter); after anyone else's append
 * it takes the locked path once. Inside a transaction it simply joins it.
 */
export async function recordStandaloneAuditEvent(db: Executor, actor: Actor | null, entry: AuditEntry): Promise<void> {
  if (db.isTransaction) return recordAuditEvent(db as Tx, actor, entry);
  let batcher = batchers.get(db as Db);
  if (!batcher) batchers.set(db as Db, (batcher = new GroupCommit(db as Db)));
  return batcher.append(chainedFieldsOf(actor, entry));
}

const batchers = new WeakMap<Db, GroupCommit>();

/** The largest batch one transaction appends; more waiting events go in the next one. */
const GROUP_COMMIT_MAX = 500;

class GroupCommit {
  private waiting: { fields: Omit<ChainedFields, 'seq'>; done: (error?: unknown) => void }[] = [];
  private running = false;
  /** The last link this process appended; null until the first batch, and after a failed one. */
  private head: ChainHead | null = null;

  constructor(private readonly db: Db) {}

  append(fields: Omit<ChainedFields, 'seq'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ fields, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, GROUP_COMMIT_MAX);
        try {
          const events = batch.map((b) => b.fields);
          const links = (this.head && (await appendAuditEventsAfter(this.db, this.head, events))) ?? (await this.db.transaction().execute((tx) => appendAuditEvents(tx, events)));
          this.head = links.at(-1)!;
          for (const b of batch) b.done();
        } catch (error) {
          this.head = null;
          for (const b of batch) b.done(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** Searches the audit trail within the caller's org subtree; the search itself is audited. */
export async function searchAuditEvents(db: Executor, actor: Actor, query: TAuditQuery) {
  if (!canReadAudit(actor)) throw forbidden('Only administrators and compliance auditors may read the audit trail');
  return inTransaction(db, async (tx) => {
    const page = await findAuditEvents(tx, query, { orgPath: actor.orgPath, includeSystem: actor.orgLevel === 'hq' });
    const labels = await auditLabels(tx, page.rows);
    await recordAuditEvent(tx, actor, {
      action: 'audit.searched',
      entityType: 'audit_event',
      data: { filters: Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== undefined && k !== 'page' && k !== 'pageSize')) },
    });
    return { ...page, labels };
  });
}

/**
 * Names for a page of the trail, so a reader need not look ids up: the number of each complaint,
 * claim and policy, and each customer's name masked (张**). Masked names are not a read of personal
 * data (no audit entry of their own).
 */
async function auditLabels(db: Executor, rows: readonly { entity_type: string; entity_id: string | null; customer_id: string | null }[]): Promise<AuditLabels> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && r.entity_id && /^[0-9a-f-]{36}$/i.test(r.entity_id)).map((r) => r.entity_id!))];
  const entities = new Map<string, string>();
  const complaints = idsOf('complaint');
  if (complaints.length > 0) for (const r of await db.selectFrom('complaint').select(['id', 'complaint_no as no']).where('id', 'in', complaints).execute()) entities.set(r.id, r.no);
  const claims = idsOf('claim');
  if (claims.length > 0) for (const r of await db.selectFrom('claim').select(['id', 'claim_no as no']).where('id', 'in', claims).execute()) entities.set(r.id, r.no);
  const policies = idsOf('policy');
  if (policies.length > 0) for (const r of await db.selectFrom('policy').select(['id', 'policy_no as no']).where('id', 'in', policies).execute()) entities.set(r.id, r.no);
  const customerIds = [...new Set(rows.map((r) => r.customer_id).filter((id): id is string => id !== null && /^[0-9a-f-]{36}$/i.test(id)))];
  const customers = new Map<string, string>();
  if (customerIds.length > 0) for (const r of await db.selectFrom('customer').select(['id', 'name', 'kind']).where('id', 'in', customerIds).execute()) customers.set(r.id, maskCustomerName(r.name, r.kind));
  return { entities, customers };
}

/**
 * Walks the whole chain and reports the first broken link: an edited row (hash mismatch), a
 * deleted row (gap in seq) or a re-linked row (prev_hash mismatch).
 */
export async function verifyAuditChain(db: Executor, batchSize = 1000): Promise<TAuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await readChainBatch(db, expectedSeq - 1, batchSize);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
    for (const row of rows) {
      const broken = (reason: string): TAuditVerifyResult => ({ ok: false, checked, brokenAt: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` };
      if (row.prev_hash !== prevHash) return broken('prev_hash does not match the previous event’s hash');
      const recomputed = chainHash(prevHash, {
        seq: row.seq,
        id: row.id,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        actorOrgUnitId: row.actor_org_unit_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        customerId: row.customer_id,
        purpose: row.purpose,
        requestId: row.request_id,
        data: row.data,
      });
      if (recomputed !== row.hash) return broken('the event’s content does not match its hash (edited after it was written)');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
}

/** Verification as an API action (admins and compliance auditors). */
export async function verifyAuditChainAs(db: Executor, actor: Actor): Promise<TAuditVerifyResult> {
  if (!canReadAudit(actor) || actor.orgLevel !== 'hq') throw forbidden('Only head-office administrators and compliance auditors may verify the audit chain');
  return verifyAuditChain(db);
}
