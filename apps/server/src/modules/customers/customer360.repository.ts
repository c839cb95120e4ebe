import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db/database.ts';
import type { CustomerTagTable, TagFact } from '../../platform/db/schema/service.ts';
import type { ConsentRow } from './consent.repository.ts';
import type { ContactRow } from './contact.repository.ts';

/** A row as `json_agg` gives it: timestamps are ISO strings. */
type AsJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** A tag of the customer as the 360 view shows it. */
export type Customer360Tag = Pick<CustomerTagTable, 'dimension' | 'reason' | 'source'> & { name: string; facts: TagFact[] };

const toDate = (v: string | null) => (v === null ? null : new Date(v));

/**
 * A customer's contacts (preferred first, then by channel and entry order), consents (by purpose and
 * channel) and tags (by dimension and tag) in one statement: three lists of the 360 view in one round
 * trip. The rows are those of listContacts and listConsents, timestamps as Date.
 */
export async function findContactsConsentsAndTags(db: Executor, customerId: string) {
  const { rows } = await sql<{ contacts: AsJson<ContactRow>[]; consents: AsJson<ConsentRow>[]; tags: Customer360Tag[] }>`
    SELECT
      (SELECT coalesce(json_agg(x ORDER BY x.preferred DESC, x.channel, x.created_at, x.id), '[]'::json)
         FROM (SELECT customer_id, id, channel, value, value_normalised, verified, preferred, label, created_at, updated_at, version
                 FROM contact_point WHERE customer_id = ${customerId}) x) AS contacts,
      (SELECT coalesce(json_agg(x ORDER BY x.purpose, x.channel), '[]'::json) FROM consent x WHERE x.customer_id = ${customerId}) AS consents,
      (SELECT coalesce(json_agg(json_build_object('dimension', t.dimension, 'name', t.tag, 'reason', t.reason, 'facts', t.facts, 'source', t.source) ORDER BY t.dimension, t.tag), '[]'::json)
         FROM customer_tag t WHERE t.customer_id = ${customerId}) AS tags
    ${PREPARED}`.execute(db);
  const row = rows[0]!;
  const contacts: ContactRow[] = row.contacts.map((c) => ({ ...c, created_at: new Date(c.created_at), updated_at: new Date(c.updated_at) }));
  const consents: ConsentRow[] = row.consents.map((c) => ({ ...c, granted_at: toDate(c.granted_at), withdrawn_at: toDate(c.withdrawn_at), updated_at: new Date(c.updated_at) }));
  return { contacts, consents, tags: row.tags };
}
