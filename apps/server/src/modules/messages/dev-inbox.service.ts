import type { TOutboxMessage } from '@anxin/contracts';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { recordStandaloneAuditEvent } from '../audit/index.ts';
import { isMessageTemplate, renderMessage } from './message-templates.ts';

/** Payload fields shown as template parameters (ids and keys only; never a name or a number in clear). */
const SHOWN_PARAMS = ['claimNo', 'complaintNo', 'step', 'expiresAt', 'amountFen', 'documents'] as const;

/**
 * The development message inbox: the messages queued in the outbox (`message.*` topics), newest
 * first, as the customer would receive them — one-time codes decrypted so that a developer or a
 * demo can sign in to the portal without a phone. Administrators only, and never in production
 * (the route is not even registered there). Each read is audited.
 */
export async function readDevInbox(deps: ModuleDeps, actor: Actor, query: { limit: number; customerId?: string | undefined }): Promise<TOutboxMessage[]> {
  if (!hasPermission(actor, 'outbox:read')) throw forbidden('Only administrators may read the development message inbox');
  let q = deps.db.selectFrom('outbox').selectAll().where('topic', 'like', 'message.%');
  if (query.customerId) q = q.where('customer_id', '=', query.customerId);
  const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'outbox.read', entityType: 'outbox', entityId: null, customerId: query.customerId ?? null, data: { count: rows.length } });
  return rows.map((row) => {
    const payload = row.payload as Record<string, unknown>;
    const params: Record<string, string> = {};
    for (const key of SHOWN_PARAMS) if (payload[key] !== undefined && payload[key] !== null) params[key] = String(payload[key]);
    if (typeof payload.codeEnc === 'string') params.code = deps.cipher.decrypt(payload.codeEnc);
    const template = row.topic.slice('message.'.length);
    // The texts as the dispatcher renders them from the same parameters (other secrets stay out).
    const rendering: Record<string, string> = { ...params };
    for (const [key, value] of Object.entries(payload)) if (!key.endsWith('Enc') && (typeof value === 'string' || typeof value === 'number') && !(key in rendering)) rendering[key] = String(value);
    return {
      id: Number(row.id),
      topic: row.topic,
      channel: typeof payload.channel === 'string' ? payload.channel : null,
      to: typeof payload.to === 'string' ? payload.to : null,
      template,
      params,
      texts: isMessageTemplate(template) ? { 'zh-CN': renderMessage(template, 'zh-CN', rendering).body, 'en-US': renderMessage(template, 'en-US', rendering).body } : null,
      createdAt: row.created_at.toISOString(),
      publishedAt: row.published_at ? row.published_at.toISOString() : null,
    };
  });
}
