import type { Executor } from './db/database.ts';

/**
 * Queues a message or event in the outbox, inside the caller's transaction: it exists exactly when
 * the change that caused it commits. A dispatcher delivers it afterwards (channel adapters; in
 * development the console's message inbox shows what would be sent). Payloads carry keys and ids,
 * never personal data in clear — secrets such as one-time codes are encrypted by the caller.
 */
export async function insertOutbox(db: Executor, topic: string, customerId: string | null, aggregateId: string | null, payload: Record<string, unknown>) {
  await insertOutboxEntries(db, [{ topic, customerId, aggregateId, payload }]);
}

export interface OutboxEntry {
  topic: string;
  customerId: string | null;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

/** Queues many events at once (a bulk import), in the caller's transaction, in the given order. */
export async function insertOutboxEntries(db: Executor, entries: readonly OutboxEntry[]) {
  for (let i = 0; i < entries.length; i += 1000) {
    const values = entries.slice(i, i + 1000).map((e) => ({ topic: e.topic, customer_id: e.customerId, aggregate_id: e.aggregateId, payload: JSON.stringify(e.payload) }));
    await db.insertInto('outbox').values(values).execute();
  }
}
