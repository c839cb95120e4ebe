import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.ts';

// The scale-out check (docs/scaling.md): every table of every migration is classified for Citus —
// distributed by customer_id (customer-owned), reference (replicated to every node) or local to the
// coordinator — customer-owned tables carry customer_id, and no foreign key runs from a reference
// table to a distributed one. A new table fails this test until it is classified here.

/** Small, slowly changing tables every node needs: replicated. */
const REFERENCE = ['org_unit', 'staff', 'product', 'customer_attribute_definition', 'claim_clock_rule', 'claim_setting', 'import_mapping', 'corrective_action', 'survey_template', 'automation_rule', 'segmentation_setting', 'tag_definition', 'tier_rule', 'segment', 'cluster_run', 'model'];
/** Infrastructure on the coordinator only (sessions, idempotency, the audit chain, jobs, the outbox queue). */
const LOCAL = ['session', 'api_key', 'idempotency_record', 'audit_event', 'import_job', 'import_row_error', 'outbox', 'job'];
/**
 * Distributed tables whose primary key does not yet lead with customer_id (Citus needs the
 * distribution column in every unique constraint): known, with the change they need before Citus.
 */
const PRIMARY_KEY_EXCEPTIONS: Record<string, string> = {
  customer: 'the customer row is distributed by its own id (= customer_id): create_distributed_table(customer, id)',
  policy: 'primary key (id) and unique policy_no must become (customer_id, id) / (customer_id, policy_no) plus a policy_no lookup table; its parties reference it by policy_id',
  claim: 'primary key (id) and unique claim_no must become (customer_id, id) / (customer_id, claim_no) plus a claim_no lookup; the claim_* tables then reference (customer_id, claim_id)',
  claim_invoice: 'becomes (customer_id, invoice_no, claim_id); the "invoice claimed anywhere" check then needs an invoice lookup table (reference or hashed by invoice_no)',
  claim_event: 'becomes (customer_id, id)',
  claim_clock: 'becomes (customer_id, claim_id, kind)',
  claim_document: 'becomes (customer_id, id)',
  claim_document_notice: 'becomes (customer_id, id)',
  claim_adjustment_line: 'becomes (customer_id, claim_id, line_no)',
  claim_payment: 'becomes (customer_id, id)',
};

interface Table {
  name: string;
  columns: Set<string>;
  primaryKey: string[];
  references: { column: string; table: string }[];
}

function parseTables(): Table[] {
  const tables: Table[] = [];
  for (const migration of listMigrations()) {
    const sql = migration.sql.replace(/--[^\n]*/g, '');
    for (const match of sql.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) {
      const [, name, body] = match;
      const table: Table = { name: name!, columns: new Set(), primaryKey: [], references: [] };
      for (const raw of body!.split('\n')) {
        const line = raw.trim().replace(/,$/, '');
        const pk = /^PRIMARY KEY \(([^)]+)\)/.exec(line);
        if (pk) table.primaryKey = pk[1]!.split(',').map((c) => c.trim());
        const column = /^([a-z_]+) [a-z]/.exec(line);
        if (!column || ['primary', 'unique', 'check', 'constraint', 'foreign'].includes(column[1]!)) continue;
        table.columns.add(column[1]!);
        if (/PRIMARY KEY/.test(line)) table.primaryKey = [column[1]!];
        const ref = /REFERENCES (\w+)\(/.exec(line);
        if (ref) table.references.push({ column: column[1]!, table: ref[1]! });
      }
      tables.push(table);
    }
  }
  // ALTER TABLE … ADD COLUMN changes are part of the table too.
  for (const migration of listMigrations()) {
    for (const m of migration.sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)/g)) tables.find((t) => t.name === m[1])?.columns.add(m[2]!);
  }
  return tables;
}

const tables = parseTables();
const distributed = tables.filter((t) => t.columns.has('customer_id') && !LOCAL.includes(t.name)).map((t) => t.name);
const kindOf = (name: string) => (name === 'customer' || distributed.includes(name) ? 'distributed' : REFERENCE.includes(name) ? 'reference' : LOCAL.includes(name) ? 'local' : 'unclassified');

describe('distribution of the schema (Citus)', () => {
  it('reads every table of every migration', () => {
    expect(tables.length).toBeGreaterThanOrEqual(35);
    expect(tables.map((t) => t.name)).toContain('complaint');
  });

  it('classifies every table: customer-owned (customer_id), reference or local', () => {
    const unclassified = tables.filter((t) => kindOf(t.name) === 'unclassified').map((t) => t.name);
    expect(unclassified, 'classify new tables in distribution.test.ts and docs/scaling.md').toEqual([]);
    for (const name of REFERENCE) expect(tables.find((t) => t.name === name)?.columns.has('customer_id'), `${name} is reference data and must not hold a customer`).toBe(false);
  });

  it('customer-owned tables carry customer_id in their primary key (known exceptions documented)', () => {
    const missing = tables
      .filter((t) => kindOf(t.name) === 'distributed' && !t.primaryKey.includes('customer_id') && !Object.hasOwn(PRIMARY_KEY_EXCEPTIONS, t.name))
      .map((t) => `${t.name} (${t.primaryKey.join(', ')})`);
    expect(missing).toEqual([]);
    const personal = ['contact_point', 'relationship', 'consent', 'consent_event', 'interaction', 'policy_party', 'endorsement', 'claim', 'claim_document', 'claim_payment', 'complaint', 'complaint_record', 'portal_session', 'portal_login_challenge'];
    for (const name of personal) expect(kindOf(name), name).toBe('distributed');
  });

  it('no foreign key runs from a reference table to a distributed table', () => {
    const crossing = tables
      .filter((t) => kindOf(t.name) === 'reference')
      .flatMap((t) => t.references.filter((r) => kindOf(r.table) === 'distributed').map((r) => `${t.name}.${r.column} → ${r.table}`));
    expect(crossing).toEqual([]);
  });
});
