import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  ConsentEventTable,
  ConsentTable,
  ContactPointTable,
  CustomerAttributeDefinitionTable,
  CustomerTable,
  InteractionTable,
  RelationshipTable,
} from '../../platform/db/schema/customers.ts';

/** Rows for a bulk load (demo data, benchmarks): written as they are, without per-row checks or audit. */
export interface CustomerBatch {
  definitions?: Insertable<CustomerAttributeDefinitionTable>[];
  customers?: Insertable<CustomerTable>[];
  contacts?: Insertable<ContactPointTable>[];
  relationships?: Insertable<RelationshipTable>[];
  consents?: Insertable<ConsentTable>[];
  consentEvents?: Insertable<ConsentEventTable>[];
  interactions?: Insertable<InteractionTable>[];
}

/** Keeps each INSERT well below PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_INSERT = 1000;

async function insertChunked<T>(rows: readonly T[] | undefined, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < (rows?.length ?? 0); i += ROWS_PER_INSERT) await insert(rows!.slice(i, i + ROWS_PER_INSERT));
}

/** Inserts a prepared batch of customers and their data in multi-row INSERTs (parents before children). */
export async function insertCustomerBatches(db: Executor, batch: CustomerBatch) {
  await insertChunked(batch.definitions, (c) => db.insertInto('customer_attribute_definition').values(c).execute());
  await insertChunked(batch.customers, (c) => db.insertInto('customer').values(c).execute());
  await insertChunked(batch.contacts, (c) => db.insertInto('contact_point').values(c).execute());
  await insertChunked(batch.relationships, (c) => db.insertInto('relationship').values(c).execute());
  await insertChunked(batch.consents, (c) => db.insertInto('consent').values(c).execute());
  await insertChunked(batch.consentEvents, (c) => db.insertInto('consent_event').values(c).execute());
  await insertChunked(batch.interactions, (c) => db.insertInto('interaction').values(c).execute());
}
