import type { Executor } from './db/database.ts';

/**
 * Queues a message or event in the outbox, inside the caller's transaction: it exists exactly when
 * the change that caused it commits. A dispatcher delivers it afterwards (channel adapters; in
 * development the console's message inbox shows what would be sent). Payloads carry keys and ids,
 * never personal data in clear — secrets such as one-time codes are encrypted by the caller.
 */
export async function insertOutbox(db: Executor, topic: string, customerId: string | null, aggregateId: string | null, payload: Record<string, unknown>) {
  await db.insertInto('outbox').values({ topic, customer_id: customerId, aggregate_id: aggregateId, payload: JSON.stringify(payload) }).execute();
}
