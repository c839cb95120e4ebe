import type { TCreateInteractionRequest, TInteractionListQuery } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { fieldError, forbidden, rule } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { recordCustomerViewed, requireVisibleCustomer } from './customer-access.ts';
import { normaliseText } from './customer-validation.ts';
import { mayReadCustomers, mayWriteCustomers } from './customer.policy.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { findInteraction, insertInteractions, listInteractions as listInteractionRows, type InteractionRow } from './interaction.repository.ts';

/** Logs a touchpoint with the customer on the timeline. */
export async function logInteraction(deps: ModuleDeps, actor: Actor, customerId: string, input: TCreateInteractionRequest) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not log interactions');
  const summary = normaliseText(input.summary);
  if (summary === '') throw fieldError('body.summary', rule('required', 'summary is required'));
  const now = new Date();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw fieldError('body.occurredAt', rule('in_future', 'must not be in the future'));
  return inTransaction(deps.db, async (tx) => {
    await requireVisibleCustomer(tx, actor, customerId);
    const id = newId();
    await insertInteractions(tx, [
      {
        customer_id: customerId,
        id,
        channel: input.channel,
        direction: input.direction,
        staff_id: actor.kind === 'staff' ? actor.id : null,
        staff_name: actor.displayName,
        occurred_at: occurredAt,
        summary,
        policy_id: input.policyId ?? null,
        claim_id: input.claimId ?? null,
        complaint_id: input.complaintId ?? null,
        created_at: now,
      },
    ]);
    await recordAuditEvent(tx, actor, { action: 'interaction.logged', entityType: 'interaction', entityId: id, customerId, data: { channel: input.channel, direction: input.direction } });
    return (await findInteraction(tx, customerId, id))!;
  });
}

/** The customer's timeline, newest first, keyset paginated. */
export async function listInteractions(deps: ModuleDeps, actor: Actor, customerId: string, query: TInteractionListQuery) {
  if (!mayReadCustomers(actor)) throw forbidden('You may not view customers');
  await requireVisibleCustomer(deps.db, actor, customerId);
  const page = await loadInteractionPage(deps, customerId, query);
  await recordCustomerViewed(deps.db, actor, customerId, 'interactions');
  return page;
}

/** A page of the timeline without checks (the 360 view has made them). */
export async function loadInteractionPage(deps: ModuleDeps, customerId: string, query: TInteractionListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listInteractionRows(deps.db, customerId, query.limit, { ...(query.channel ? { channel: query.channel } : {}), ...(after ? { after: { at: after.value, id: after.id } } : {}) });
  return interactionPageOf(rows, query.limit);
}

/** A page of `limit` interactions from `limit + 1` rows read, with the cursor of the next page when there is one. */
export function interactionPageOf(rows: readonly InteractionRow[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ value: last.occurred_at.toISOString(), id: last.id }) : null };
}
