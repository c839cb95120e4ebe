import type { FastifyReply } from 'fastify';

/**
 * Settles once the reply has been sent (or its connection closed): work a request starts in the
 * background waits for it (`BackgroundJobs.run`), so the answer — and the idempotency record written
 * just before it — never queues behind that work for the database.
 */
export function answered(reply: FastifyReply): Promise<void> {
  const raw = reply.raw;
  if (raw.writableFinished || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    raw.once('finish', () => resolve());
    raw.once('close', () => resolve());
  });
}
