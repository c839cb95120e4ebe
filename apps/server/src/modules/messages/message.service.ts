import type { TMessage, TMessageChannel, TMessageListQuery } from '@anxin/contracts';
import { sql } from 'kysely';
import { hasPermission, type Actor } from '../../platform/actor.ts';
import { shanghaiDateOf } from '../../platform/business-calendar.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent, recordStandaloneAuditEvent } from '../audit/index.ts';
import { findMessageRecipient, hasConsent } from '../customers/index.ts';
import { blacklistInEffect } from '../segmentation/index.ts';
import { RETRY_MINUTES, quietHoursEnd, type MessageAdapters, type MessageSettings } from './message-delivery.ts';
import { CONTACT_FOR_CHANNEL, isMessageTemplate, purposeOf, renderMessage, secretsOf, type MessageLocale, type MessageTemplateCode } from './message-templates.ts';

export interface QueueMessageInput {
  customerId: string;
  channel: TMessageChannel;
  template: MessageTemplateCode;
  /** Ids, numbers, dates; secrets named by the template (code, link) are encrypted here. */
  params: Record<string, string | number>;
  locale?: MessageLocale;
  /** What queued it: `rule:<code>`, `outbox:<topic>`, `survey`, … */
  source: string;
  /** Not before (a birthday greeting goes out on the day); default now. */
  sendAt?: Date;
}

/**
 * Queues a message in the caller's transaction (it exists exactly when the change that caused it
 * commits); the dispatcher decides consent, quiet hours and the frequency cap when it sends.
 */
export async function queueMessage(deps: ModuleDeps, input: QueueMessageInput, now = new Date()): Promise<string> {
  const params: Record<string, string> = {};
  const secrets = secretsOf(input.template);
  for (const [key, value] of Object.entries(input.params)) {
    if (secrets.includes(key)) params[`${key}Enc`] = deps.cipher.encrypt(String(value));
    else params[key] = String(value);
  }
  const id = newId();
  await deps.db
    .insertInto('message')
    .values({ customer_id: input.customerId, id, channel: input.channel, template: input.template, locale: input.locale ?? 'zh-CN', purpose: purposeOf(input.template), params: JSON.stringify(params), status: 'queued', next_attempt_at: input.sendAt ?? now, source: input.source, created_at: now, updated_at: now })
    .execute();
  return id;
}

type MessageRow = { customer_id: string; id: string; channel: TMessageChannel; template: string; locale: 'zh-CN' | 'en-US'; purpose: 'service' | 'marketing'; params: unknown; attempts: number };
export interface DeliveryTally {
  sent: number;
  deferred: number;
  suppressed: number;
  failed: number;
}

const CONSENT_CHANNEL: Record<TMessageChannel, 'sms' | 'email' | 'wechat' | 'any'> = { sms: 'sms', email: 'email', wechat: 'wechat', push: 'any' };
const LEASE_MINUTES = 5;
const REQUESTED_BY_CUSTOMER: readonly string[] = ['portal_login_code'];

/**
 * Sends the messages that are due: claims up to `limit` with a lease (FOR UPDATE SKIP LOCKED, so
 * several workers share the queue and a crashed worker's messages are retried after the lease), then
 * for each: marketing is never sent to a blacklisted customer, needs marketing consent and stays under the weekly cap and outside quiet
 * hours (deferred to their end); the recipient comes from the customer's contact points; the
 * channel adapter sends; failures retry with back-off, then fail.
 */
export async function deliverDueMessages(deps: ModuleDeps, adapters: MessageAdapters, settings: MessageSettings, now = new Date(), limit = 100): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, deferred: 0, suppressed: 0, failed: 0 };
  const claimed = await inTransaction(deps.db, async (tx) => {
    const due = await tx
      .selectFrom('message')
      .select(['customer_id', 'id'])
      .where('status', 'in', ['queued', 'deferred'])
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [] as MessageRow[];
    const lease = new Date(now.getTime() + LEASE_MINUTES * 60_000);
    return (await tx
      .updateTable('message')
      .set({ next_attempt_at: lease })
      .where((eb) => eb.or(due.map((d) => eb.and([eb('customer_id', '=', d.customer_id), eb('id', '=', d.id)]))))
      .returning(['customer_id', 'id', 'channel', 'template', 'locale', 'purpose', 'params', 'attempts'])
      .execute()) as MessageRow[];
  });
  for (const message of claimed) {
    const outcome = await deliverOne(deps, adapters, settings, message, now);
    tally[outcome]++;
  }
  return tally;
}

async function deliverOne(deps: ModuleDeps, adapters: MessageAdapters, settings: MessageSettings, m: MessageRow, now: Date): Promise<keyof DeliveryTally> {
  const finish = async (patch: { status: 'sent' | 'deferred' | 'suppressed' | 'failed' | 'queued'; status_reason?: string | null; next_attempt_at?: Date; attempts?: number; adapter?: string; provider_ref?: string | null; last_error?: string | null; sent_at?: Date; recipient_masked?: string | null }) => {
    await inTransaction(deps.db, async (tx) => {
      await tx
        .updateTable('message')
        .set({ ...patch, next_attempt_at: patch.next_attempt_at ?? now, updated_at: now })
        .where('customer_id', '=', m.customer_id)
        .where('id', '=', m.id)
        .execute();
      await recordAuditEvent(tx, null, { action: 'message.changed', entityType: 'message', entityId: m.id, customerId: m.customer_id, data: { status: patch.status, reason: patch.status_reason ?? null, channel: m.channel, template: m.template } });
    });
  };
  // Service messages follow the customer's service consent, as claim and complaint progress do —
  // except what the customer asked for this minute (a portal login code).
  if (m.purpose === 'service' && !REQUESTED_BY_CUSTOMER.includes(m.template) && !(await hasConsent(deps, m.customer_id, 'service', CONSENT_CHANNEL[m.channel]))) {
    await finish({ status: 'suppressed', status_reason: 'no_service_consent' });
    return 'suppressed';
  }
  if (m.purpose === 'marketing') {
    // S6: no marketing to a blacklisted customer, decided when sending (the entry may take effect after queueing).
    if (await blacklistInEffect(deps.db, m.customer_id, shanghaiDateOf(now))) {
      await finish({ status: 'suppressed', status_reason: 'blacklisted' });
      return 'suppressed';
    }
    if (!(await hasConsent(deps, m.customer_id, 'marketing', CONSENT_CHANNEL[m.channel]))) {
      await finish({ status: 'suppressed', status_reason: 'no_marketing_consent' });
      return 'suppressed';
    }
    const since = new Date(now.getTime() - 7 * 86_400_000);
    const { count } = await deps.db
      .selectFrom('message')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('customer_id', '=', m.customer_id)
      .where('purpose', '=', 'marketing')
      .where('status', '=', 'sent')
      .where('sent_at', '>=', since)
      .executeTakeFirstOrThrow();
    if (count >= settings.marketingCapPerWeek) {
      await finish({ status: 'suppressed', status_reason: 'frequency_cap' });
      return 'suppressed';
    }
    const until = quietHoursEnd(now, settings.quietHours);
    if (until) {
      await finish({ status: 'deferred', status_reason: 'quiet_hours', next_attempt_at: until });
      return 'deferred';
    }
  }
  const params = storedParams(deps, m.params, true);
  const recipient = await findMessageRecipient(deps, m.customer_id, CONTACT_FOR_CHANNEL[m.channel], params.contactId);
  if (!recipient) {
    await finish({ status: 'failed', status_reason: 'no_contact' });
    return 'failed';
  }
  const adapter = adapters[m.channel];
  const text = renderMessage(m.template as MessageTemplateCode, m.locale, params);
  try {
    const { providerRef } = await adapter.send({ channel: m.channel, to: recipient.value, subject: text.subject, body: text.body });
    await finish({ status: 'sent', status_reason: null, attempts: m.attempts + 1, adapter: adapter.name, provider_ref: providerRef, sent_at: now, recipient_masked: recipient.masked, last_error: null });
    return 'sent';
  } catch (error) {
    const attempts = m.attempts + 1;
    // The error text of a transport can carry the address: keep only its class and code.
    const reason = error instanceof Error ? `${error.name}${(error as { code?: unknown }).code ? ` ${String((error as { code?: unknown }).code)}` : ''}` : 'error';
    const retryIn = RETRY_MINUTES[attempts - 1];
    if (retryIn === undefined) {
      await finish({ status: 'failed', status_reason: 'delivery_failed', attempts, adapter: adapter.name, last_error: reason, recipient_masked: recipient.masked });
      return 'failed';
    }
    await finish({ status: 'queued', status_reason: 'retrying', attempts, adapter: adapter.name, last_error: reason, next_attempt_at: new Date(now.getTime() + retryIn * 60_000), recipient_masked: recipient.masked });
    return 'failed';
  }
}

/** The template parameters of a stored message: encrypted secrets (`<name>Enc`) decrypted, or shown as `[hidden]`. */
function storedParams(deps: ModuleDeps, stored: unknown, revealSecrets: boolean): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored as Record<string, string>)) {
    if (key.endsWith('Enc')) params[key.slice(0, -3)] = revealSecrets ? deps.cipher.decrypt(value) : '[hidden]';
    else params[key] = value;
  }
  return params;
}

/**
 * The message log, newest first, in the caller's scope (customers of their unit subtree). Secrets
 * (one-time codes, survey links) are shown only in development to holders of the message-inbox
 * permission; otherwise as `[hidden]`. Each read is audited.
 */
export async function listMessages(deps: ModuleDeps, actor: Actor, query: TMessageListQuery, options: { showSecrets: boolean }) {
  if (!hasPermission(actor, 'service:read')) throw forbidden('You may not read the message log');
  let q = deps.db
    .selectFrom('message as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .innerJoin('org_unit as o', 'o.id', 'c.org_unit_id')
    .selectAll('m')
    .where('o.path', 'like', `${actor.orgPath}%`);
  if (actor.ownRecordsOnly) q = q.where('c.owner_agent_id', '=', actor.id);
  if (query.customerId) q = q.where('m.customer_id', '=', query.customerId);
  if (query.status) q = q.where('m.status', '=', query.status);
  if (query.channel) q = q.where('m.channel', '=', query.channel);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb('m.created_at', '<', at), eb.and([eb('m.created_at', '=', at), eb('m.id', '<', id)])]));
  }
  const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  await recordStandaloneAuditEvent(deps.db, actor, { action: 'message.read', entityType: 'message', entityId: null, customerId: query.customerId ?? null, data: { count: page.length } });
  const reveal = options.showSecrets && hasPermission(actor, 'outbox:read');
  const items: TMessage[] = page.map((r) => {
    const params = storedParams(deps, r.params, reveal);
    const text = isMessageTemplate(r.template) ? renderMessage(r.template, r.locale, params) : { subject: r.template, body: '' };
    return {
      id: r.id,
      customerId: r.customer_id,
      channel: r.channel,
      template: r.template,
      locale: r.locale,
      purpose: r.purpose,
      recipient: r.recipient_masked,
      subject: text.subject,
      body: text.body,
      status: r.status,
      statusReason: r.status_reason,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'queued' || r.status === 'deferred' ? r.next_attempt_at.toISOString() : null,
      adapter: r.adapter,
      sentAt: r.sent_at?.toISOString() ?? null,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null };
}
