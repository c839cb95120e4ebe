import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { ConsentEventTable, ConsentTable } from '../../platform/db/schema/customers.ts';

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];
export type ConsentEventRow = Awaited<ReturnType<typeof listConsentEvents>>[number];

export async function listConsents(db: Executor, customerId: string) {
  return selectConsents(db, customerId).modifyEnd(PREPARED).execute();
}

/** The consents query (see listConsents): by purpose and channel; the 360 view reads it as a JSON column. */
export function selectConsents(db: Executor, customerId: string) {
  return db.selectFrom('consent').selectAll().where('customer_id', '=', customerId).orderBy('purpose').orderBy('channel');
}

/** Current state rows of a purpose on a channel and on `any`. */
export async function findConsentStates(db: Executor, customerId: string, purpose: string, channels: readonly string[]) {
  return db.selectFrom('consent').select(['channel', 'granted']).where('customer_id', '=', customerId).where('purpose', '=', purpose).where('channel', 'in', channels).execute();
}

/** The channels of a purpose that have a state row (to carry a withdrawal on `any` over to them). */
export async function listConsentChannels(db: Executor, customerId: string, purpose: string) {
  return (await db.selectFrom('consent').select('channel').where('customer_id', '=', customerId).where('purpose', '=', purpose).execute()).map((r) => r.channel);
}

export async function upsertConsents(db: Executor, rows: Insertable<ConsentTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('consent')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['customer_id', 'purpose', 'channel']).doUpdateSet({
        granted: (eb) => eb.ref('excluded.granted'),
        separate: (eb) => eb.ref('excluded.separate'),
        // Keep when it was last granted / withdrawn: only the changed side moves.
        granted_at: sql`CASE WHEN excluded.granted THEN excluded.granted_at ELSE consent.granted_at END`,
        withdrawn_at: sql`CASE WHEN excluded.granted THEN NULL ELSE excluded.withdrawn_at END`,
        evidence_kind: (eb) => eb.ref('excluded.evidence_kind'),
        evidence_reference: (eb) => eb.ref('excluded.evidence_reference'),
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .execute();
}

export async function insertConsentEvents(db: Executor, rows: Insertable<ConsentEventTable>[]) {
  if (rows.length > 0) await db.insertInto('consent_event').values(rows).execute();
}

/** Consent history newest first, keyset by (at, id). */
export async function listConsentEvents(db: Executor, customerId: string, limit: number, after?: { at: string; id: string }) {
  let q = db.selectFrom('consent_event').selectAll().where('customer_id', '=', customerId);
  if (after) q = q.where(sql<boolean>`(at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}
