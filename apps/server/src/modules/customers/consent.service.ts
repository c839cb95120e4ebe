import { SEPARATE_CONSENT_PURPOSES, type TConsentChangeRequest, type TConsentChannel, type TConsentPurpose } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { findConsentStates, insertConsentEvents, listConsentChannels, listConsentEvents, listConsents as listConsentRows, upsertConsents } from './consent.repository.ts';
import { requireVisibleCustomer } from './customer-access.ts';
import { normaliseText } from './customer-validation.ts';
import { mayReadCustomers, mayWriteCustomers } from './customer.policy.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Does the purpose concern sensitive personal information, needing separate consent (PIPL art. 29)? */
export const isSeparatePurpose = (purpose: string) => (SEPARATE_CONSENT_PURPOSES as readonly string[]).includes(purpose);

/**
 * Grants or withdraws consent for a purpose on a channel, with evidence; keeps the full history.
 * A grant on `any` records the `any` row only: a channel's own row (e.g. an explicit withdrawal of
 * marketing by SMS) keeps deciding for that channel. A withdrawal on `any` withdraws every channel
 * of the purpose (withdrawing must be easy, PIPL art. 15). A grant for a purpose needing separate
 * consent (health_data, financial_data) must carry evidence with a reference.
 */
export async function changeConsent(deps: ModuleDeps, actor: Actor, customerId: string, action: 'granted' | 'withdrawn', input: TConsentChangeRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not change consents');
  const channel = input.channel ?? 'any';
  const granted = action === 'granted';
  const separate = isSeparatePurpose(input.purpose);
  // The HTTP contract already requires evidence on every change; callers inside the server (imports)
  // bypass it, so the separate-consent rule is enforced here too.
  const reference = input.evidence ? normaliseText(input.evidence.reference ?? '') : '';
  if (granted && separate && (!input.evidence?.kind || reference === '')) {
    throw fieldError('body.evidence', rule('consent_evidence_required', `separate consent for ${input.purpose} needs evidence (kind and reference)`, { purpose: input.purpose }));
  }
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const channels = channel === 'any' && !granted ? [...new Set(['any', ...(await listConsentChannels(tx, customerId, input.purpose))])] : [channel];
    const at = new Date();
    const evidence = { evidence_kind: input.evidence.kind, evidence_reference: reference };
    await upsertConsents(
      tx,
      channels.map((ch) => ({ customer_id: customerId, purpose: input.purpose, channel: ch, separate, granted, granted_at: granted ? at : null, withdrawn_at: granted ? null : at, ...evidence, updated_at: at })),
    );
    await insertConsentEvents(
      tx,
      channels.map((ch) => ({
        customer_id: customerId,
        id: newId(),
        purpose: input.purpose,
        channel: ch,
        action,
        separate,
        ...evidence,
        staff_id: actor.kind === 'staff' ? actor.id : null,
        staff_name: actor.displayName,
        at,
      })),
    );
    await recordAuditEvent(tx, actor, { action: 'consent.changed', entityType: 'customer', entityId: customerId, customerId, data: { purpose: input.purpose, channels, action, evidenceKind: input.evidence.kind } });
    return (await listConsentRows(tx, customerId)).find((r) => r.purpose === input.purpose && r.channel === channel)!;
  });
}

/** Current consent state per purpose × channel. */
export async function listConsents(deps: ModuleDeps, actor: Actor, customerId: string) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  await requireVisibleCustomer(deps.db, actor, customerId);
  return listConsentRows(deps.db, customerId);
}

/** Every grant and withdrawal, newest first (keyset paginated). */
export async function listConsentHistory(deps: ModuleDeps, actor: Actor, customerId: string, query: { cursor?: string | undefined; limit: number }) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  await requireVisibleCustomer(deps.db, actor, customerId);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listConsentEvents(deps.db, customerId, query.limit, after ? { at: after.value, id: after.id } : undefined);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ value: last.at.toISOString(), id: last.id }) : null };
}

/**
 * Has the customer consented to `purpose` on `channel`? The channel's own state decides; without
 * one, the state for `any` does; without either, no. Modules that contact customers or process
 * their data must ask this first.
 */
export async function hasConsent(deps: ModuleDeps, customerId: string, purpose: TConsentPurpose, channel: TConsentChannel): Promise<boolean> {
  const rows = await findConsentStates(deps.db, customerId, purpose, channel === 'any' ? ['any'] : [channel, 'any']);
  const own = rows.find((r) => r.channel === channel);
  if (own) return own.granted;
  return rows.find((r) => r.channel === 'any')?.granted ?? false;
}
