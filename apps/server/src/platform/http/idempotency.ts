import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { FieldCipher } from '../crypto/field-encryption.ts';
import type { Db } from '../db/database.ts';
import { problem, sendProblem } from './problem.ts';

const HEADER = 'idempotency-key';
/** A reservation older than this is treated as abandoned (the first request crashed). */
const STALE_AFTER_MS = 5 * 60_000;
/** Stored results are replayed for this long. */
const KEEP_FOR_MS = 24 * 60 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
}

/**
 * Idempotency-Key for POSTs, as a platform feature: the first request with a key reserves it, its
 * response is stored, and a retry with the same key and body gets the stored response back
 * (`Idempotent-Replayed: true`) instead of creating something twice. Keys are per principal, so one
 * caller can never receive another's stored response; unauthenticated requests are not keyed.
 * Stored responses are encrypted with the field cipher: they can hold personal data or a one-time
 * password (a created staff account) and must not sit in the database in clear for 24 hours.
 */
export function registerIdempotency(app: FastifyInstance, db: Db, cipher: FieldCipher, principalOf: (request: FastifyRequest) => string | undefined) {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const raw = request.headers[HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > 200) {
      return sendProblem(
        reply,
        problem('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 characters', String(request.id), request.url, [
          { field: `header.${HEADER}`, message: 'must be 1–200 characters' },
        ]),
      );
    }
    const principal = principalOf(request);
    if (!principal) return;
    const path = request.url.split('?')[0]!;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');

    const reserved = await db
      .insertInto('idempotency_record')
      .values({ principal, key, method: request.method, path, request_hash: requestHash })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (reserved) {
      request.idempotency = { principal, key };
      return;
    }
    const existing = await db
      .selectFrom('idempotency_record')
      .selectAll()
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!existing) return; // expired and swept between the two statements: proceed unkeyed
    const age = Date.now() - existing.created_at.getTime();
    if (age > KEEP_FOR_MS || (existing.status_code === null && age > STALE_AFTER_MS)) {
      await db
        .updateTable('idempotency_record')
        .set({ request_hash: requestHash, method: request.method, path, status_code: null, response_body: null, created_at: new Date(), completed_at: null })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .execute();
      request.idempotency = { principal, key };
      return;
    }
    if (existing.request_hash !== requestHash) {
      return sendProblem(
        reply,
        problem('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request', String(request.id), path),
      );
    }
    if (existing.status_code === null) {
      return sendProblem(
        reply,
        problem('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly', String(request.id), path),
      );
    }
    return replay(reply, existing.status_code, existing.response_type, existing.response_body === null ? null : cipher.decrypt(existing.response_body));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const slot = request.idempotency;
    if (!slot) return payload;
    const status = reply.statusCode;
    // Transient outcomes are not stored, so the client may retry them with the same key.
    if (status >= 500 || status === 409 || status === 429) {
      await db.deleteFrom('idempotency_record').where('principal', '=', slot.principal).where('key', '=', slot.key).execute();
      return payload;
    }
    const body = typeof payload === 'string' ? payload : payload == null ? '' : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    await db
      .updateTable('idempotency_record')
      .set({
        status_code: status,
        response_body: body === null ? null : cipher.encrypt(body),
        response_type: String(reply.getHeader('content-type') ?? 'application/json'),
        completed_at: sql<Date>`now()`,
      })
      .where('principal', '=', slot.principal)
      .where('key', '=', slot.key)
      .execute();
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, type: string | null, body: string | null) {
  reply.header('idempotent-replayed', 'true').status(status);
  if (type) reply.type(type);
  // Send the stored text as-is: it was serialized (and schema-checked) the first time.
  return reply.serializer((p: unknown) => p as string).send(body ?? '');
}
