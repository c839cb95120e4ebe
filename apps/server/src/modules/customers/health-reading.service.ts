import type { THealthReadingRequest } from '@anxin/contracts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError, forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { hasConsent } from './consent.service.ts';
import { requireVisibleCustomer } from './customer-access.ts';
import { mayWriteCustomers } from './customer.policy.ts';

/**
 * Receives a health reading from a health-management feed (a partner's API key or staff). Health
 * data is sensitive personal information: it is kept only with the customer's separate consent
 * (PIPL art. 29) and stored encrypted; the audit event names the reading, never its values.
 */
export async function recordHealthReading(deps: ModuleDeps, actor: Actor, customerId: string, input: THealthReadingRequest, now = new Date()) {
  if (!mayWriteCustomers(actor)) throw forbidden('You may not record customer data');
  await requireVisibleCustomer(deps.db, actor, customerId);
  if (!(await hasConsent(deps, customerId, 'health_data', 'any'))) {
    throw new DomainError('HEALTH_CONSENT_REQUIRED', 'The customer has not given separate consent to process health data; the reading was not kept');
  }
  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('health_reading')
      .values({ customer_id: customerId, id, kind: input.kind, measured_on: input.measuredOn, value_enc: deps.cipher.encrypt(JSON.stringify({ systolic: input.systolic, diastolic: input.diastolic })), source: input.source, created_at: now })
      .execute();
    await recordAuditEvent(tx, actor, { action: 'health_reading.recorded', entityType: 'customer', entityId: customerId, customerId, data: { readingId: id, kind: input.kind, source: input.source } });
  });
  return { id };
}

/**
 * Blood-pressure readings measured since a date, decrypted, for the customers who (still) have
 * separate health-data consent — what the health-intervention rule evaluates. System use only.
 */
export async function bloodPressureReadingsSince(deps: ModuleDeps, since: string) {
  const rows = await deps.db.selectFrom('health_reading').select(['customer_id', 'measured_on', 'value_enc']).where('kind', '=', 'blood_pressure').where('measured_on', '>=', since).orderBy('customer_id').execute();
  const byCustomer = new Map<string, { measuredOn: string; systolic: number; diastolic: number }[]>();
  const consented = new Map<string, boolean>();
  for (const r of rows) {
    if (!consented.has(r.customer_id)) consented.set(r.customer_id, await hasConsent(deps, r.customer_id, 'health_data', 'any'));
    if (!consented.get(r.customer_id)) continue;
    const value = JSON.parse(deps.cipher.decrypt(r.value_enc)) as { systolic: number; diastolic: number };
    const list = byCustomer.get(r.customer_id) ?? [];
    list.push({ measuredOn: r.measured_on, ...value });
    byCustomer.set(r.customer_id, list);
  }
  return byCustomer;
}
