// The statements of one customer 360 view, recorded from the real service and turned into a plan the
// bare baseline (bench/baseline-server.ts) replays for any customer. Recorded on a second Kysely
// instance over the bench database with Kysely's query log (SQL, parameters, duration) and a plugin
// that notes when each query was issued and what it returned. The session look-up of the bearer
// token is recorded the same way, through the real `authenticate`. The view runs twice; the second
// (warm) run is the one kept, so the plan follows the service as it changes.
//
// The plan keeps, for every statement, where each parameter comes from when another customer is
// asked for: the customer's id; the session token's hash; a fresh id or time; the values of a column
// of an earlier statement's result (an `in (…)` list such as the claim ids whose clocks are read);
// the next link of the audit chain (sequence number and sha256 hash, after the last link read in the
// same transaction or, for a one-statement append, the last link the replaying process wrote); or the
// captured constant.
// Statements run in the order the service ran them: one waits for the statements that had finished
// before it was issued, and runs beside those that were still running (Promise.all in the service).
// A transaction (the audit append) is one unit on one connection.
import { performance } from 'node:perf_hooks';
import { sql, type KyselyPlugin, type LogEvent, type QueryId, type UnknownRow } from 'kysely';
import { authSettings, CUSTOMER_360_SECTIONS } from '../apps/server/src/app.ts';
import type { Config } from '../apps/server/src/config.ts';
import { authenticate } from '../apps/server/src/modules/auth/index.ts';
// Not (yet) on the customers module's index; the bench is no module, so it may reach in.
import { getCustomer360 } from '../apps/server/src/modules/customers/customer360.service.ts';
import type { FieldCipher } from '../apps/server/src/platform/crypto/field-encryption.ts';
import { hashToken } from '../apps/server/src/platform/crypto/tokens.ts';
import { openDatabase, type Db } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';

/** Where a parameter's value comes from when the baseline replays a statement for another customer. */
export type ValueSource =
  | { kind: 'constant'; value: unknown }
  | { kind: 'customerId' }
  | { kind: 'sessionTokenHash' }
  | { kind: 'newId' }
  | { kind: 'now' }
  /** A cell of an earlier statement's result (its `fallback` when that result has no such row). */
  | { kind: 'cell'; statement: number; row: number; column: string; fallback: unknown }
  /** One more than the first row's `column` of an earlier statement (the next audit sequence number; 1 if none). */
  | { kind: 'nextSeq'; statement: number; column: string }
  /** The sequence number after the last audit link the replaying process wrote (it reads the chain's head once, at start). */
  | { kind: 'heldSeq' }
  /** The hash of the last audit link the replaying process wrote. */
  | { kind: 'heldHash' }
  /** sha256 of the value in slot `prevHashSlot` and the statement's other values: the new audit link. */
  | { kind: 'chainHash'; prevHashSlot: number }
  /** A column of an earlier statement's result, over the rows whose `filter.column` is one of `filter.values`. */
  | { kind: 'column'; statement: number; column: string; filter?: { column: string; values: unknown[] } };

/** One value (or one `in (…)` list) of a statement. */
export interface ReplaySlot {
  source: ValueSource;
  /** An `in (…)` list: one placeholder per value; the statement is skipped when the list is empty (as the repositories do). */
  spread: boolean;
}

/** A recorded statement, split at its placeholders so that its values can be filled in per request. */
export interface ReplayStatement {
  /** The SQL as the service ran it. */
  sql: string;
  /** The SQL around its slots: text[0] slot[0] text[1] … slot[n-1] text[n]. */
  text: string[];
  slots: ReplaySlot[];
  /** Milliseconds it took in the recorded run. */
  durationMs: number;
}

/** Statements run one after another on one connection: a single statement, or BEGIN … COMMIT. */
export interface ReplayUnit {
  statements: number[];
  transaction: boolean;
  /** Units that had finished when this one was issued (transitively reduced). */
  after: number[];
}

/** What the baseline replays: the statements of one 360 view and the order they ran in. */
export interface ReplayPlan {
  sampleCustomerId: string;
  statements: ReplayStatement[];
  units: ReplayUnit[];
  /** The statement whose empty result means the session is not valid (401). */
  sessionStatement: number | null;
}

interface Recorded {
  sql: string;
  parameters: unknown[];
  issued: number;
  start: number;
  end: number;
  rows: readonly UnknownRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENESIS_HASH = '0'.repeat(64);

/**
 * A customer with as much around it as the book has (relationships, claims, complaints, policies,
 * interactions), so that the recorded view runs every statement a view can run.
 */
export async function pickRichCustomer(db: Db): Promise<string> {
  // Candidates: complainants (the rarest) and a slice of everyone, so that the score stays cheap at scale.
  const { rows } = await sql<{ id: string }>`
    WITH candidate AS ((SELECT customer_id AS id FROM complaint LIMIT 2000) UNION (SELECT id FROM customer ORDER BY id LIMIT 2000))
    SELECT c.id FROM candidate c
    ORDER BY (EXISTS (SELECT 1 FROM relationship r WHERE r.customer_id = c.id))::int
           + (EXISTS (SELECT 1 FROM claim cl WHERE cl.customer_id = c.id))::int
           + (EXISTS (SELECT 1 FROM complaint co WHERE co.customer_id = c.id))::int
           + (EXISTS (SELECT 1 FROM policy_party pp WHERE pp.customer_id = c.id))::int
           + (EXISTS (SELECT 1 FROM interaction i WHERE i.customer_id = c.id))::int DESC, c.id
    LIMIT 1`.execute(db);
  if (!rows[0]) throw new Error('bench: the book has no customer');
  return rows[0].id;
}

/**
 * Records the session look-up and the 360 view of `customerId` as the staff member of `sessionToken`
 * sees them, on a second Kysely instance over the bench database, and plans their replay.
 */
export async function captureCustomer360(config: Config, cipher: FieldCipher, sessionToken: string, customerId: string): Promise<ReplayPlan> {
  let recording = false;
  const recorded: Recorded[] = [];
  const issuedAt = new WeakMap<QueryId, number>();
  const rowsOf = new WeakMap<QueryId, readonly UnknownRow[]>();
  // The log line comes before the result reaches the plugins: results are matched by queryId afterwards.
  const queryIds = new Map<number, QueryId>();
  const log = (event: LogEvent) => {
    if (!recording || event.level !== 'query') return;
    const end = performance.now();
    const start = end - event.queryDurationMillis;
    const query = event.query;
    queryIds.set(recorded.length, query.queryId);
    recorded.push({ sql: query.sql, parameters: [...query.parameters], issued: issuedAt.get(query.queryId) ?? start, start, end, rows: [] });
  };
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      if (recording && !issuedAt.has(args.queryId)) issuedAt.set(args.queryId, performance.now());
      return args.node;
    },
    async transformResult(args) {
      if (recording) rowsOf.set(args.queryId, args.result.rows);
      return args.result;
    },
  };
  const database = await openDatabase(config.db.driver === 'pglite' ? { driver: 'pglite', dataDir: config.db.dataDir, log } : { ...config.db, log });
  try {
    const db = database.db.withPlugin(recorder);
    const credentials = { sessionToken, ip: '127.0.0.1' };
    for (const run of ['cold', 'warm']) {
      recording = run === 'warm';
      const session = await authenticate(db, authSettings(config), credentials);
      if (!session || !('actor' in session)) throw new Error('bench: the session token does not authenticate');
      // As the authentication hook hands it to the route.
      const actor = { ...session.actor, requestId: newId() };
      await getCustomer360({ db, cipher }, actor, customerId, CUSTOMER_360_SECTIONS);
    }
    recording = false;
  } finally {
    await database.close();
  }
  for (const [index, queryId] of queryIds) recorded[index]!.rows = rowsOf.get(queryId) ?? [];
  return planReplay(recorded, customerId, hashToken(sessionToken, config.secrets.sessionSecret));
}

function planReplay(recorded: Recorded[], customerId: string, tokenHash: string): ReplayPlan {
  const entries = [...recorded].sort((a, b) => a.issued - b.issued || a.start - b.start);

  // Units: each transaction (BEGIN … COMMIT) is one; every other statement is its own.
  const unitOf: number[] = [];
  const units: { statements: number[]; transaction: boolean; issued: number; end: number }[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (/^\s*begin\b/i.test(entries[i]!.sql)) {
      let j = i;
      while (j < entries.length && !/^\s*(commit|rollback)\b/i.test(entries[j]!.sql)) j++;
      if (j === entries.length) throw new Error('bench: a recorded transaction does not end');
      const statements = Array.from({ length: j - i + 1 }, (_, k) => i + k);
      const [first, last] = [entries[i]!, entries[j]!];
      // Kysely's log does not say which connection ran a statement: a transaction is recognised
      // only if nothing else ran while it was open.
      const beside = entries.findIndex((e, k) => (k < i || k > j) && e.start < last.end && e.end > first.start);
      if (beside >= 0) throw new Error(`bench: "${entries[beside]!.sql.slice(0, 60)}" ran beside a transaction; the baseline cannot replay that`);
      for (const k of statements) unitOf[k] = units.length;
      units.push({ statements, transaction: true, issued: first.issued, end: last.end });
      i = j;
    } else {
      unitOf[i] = units.length;
      units.push({ statements: [i], transaction: false, issued: entries[i]!.issued, end: entries[i]!.end });
    }
  }
  /** Statements that may feed statement `i`: those that had finished when it was issued (in its own transaction, the ones before it). */
  const feeders = (i: number) =>
    entries.flatMap((e, k) => (k < i && (e.end <= entries[i]!.issued || unitOf[k] === unitOf[i]) ? [k] : [])).reverse();
  const statements = entries.map((entry, i) => planStatement(entry, entries, feeders(i), customerId, tokenHash));
  const after = orderUnits(units, statements, unitOf);
  const sessionStatement = statements.findIndex((s) => s.slots.some((slot) => slot.source.kind === 'sessionTokenHash'));
  return {
    sampleCustomerId: customerId,
    statements,
    units: units.map((u, k) => ({ statements: u.statements, transaction: u.transaction, after: after[k]! })),
    sessionStatement: sessionStatement >= 0 ? sessionStatement : null,
  };
}

/**
 * What each unit waits for. A unit issued as soon as the one it reads from finished (the next step
 * of the same branch, e.g. the claims' clocks after the claims) waits only for the units it reads
 * from; any other waits for every unit that had finished when it was issued (the step after a
 * Promise.all, or after a check). Returned transitively reduced.
 */
function orderUnits(units: { statements: number[]; issued: number; end: number }[], statements: ReplayStatement[], unitOf: number[]): number[][] {
  const waits: Set<number>[] = [];
  const closure: Set<number>[] = [];
  units.forEach((unit, u) => {
    const finished = units.flatMap((v, k) => (k < u && v.end <= unit.issued ? [k] : []));
    const latest = finished.reduce<number | undefined>((best, k) => (best === undefined || units[k]!.end > units[best]!.end ? k : best), undefined);
    const reads = new Set(
      unit.statements.flatMap((i) => statements[i]!.slots.flatMap((slot) => ('statement' in slot.source ? [unitOf[slot.source.statement]!] : []))).filter((k) => k !== u),
    );
    waits[u] = latest !== undefined && reads.has(latest) ? reads : new Set(finished);
    closure[u] = new Set([...waits[u]!].flatMap((k) => [k, ...closure[k]!]));
  });
  return waits.map((set) => [...set].filter((k) => ![...set].some((m) => m !== k && closure[m]!.has(k))).sort((a, b) => a - b));
}

function planStatement(entry: Recorded, entries: Recorded[], feeders: number[], customerId: string, tokenHash: string): ReplayStatement {
  const values = entry.parameters;
  const sources: (ValueSource | undefined)[] = values.map(() => undefined);
  const spreads: { first: number; last: number; source: ValueSource }[] = [];

  // `in ($a, $b, …)` lists fed by a column of an earlier result.
  for (const match of entry.sql.matchAll(/\bin \((\$\d+(?:, \$\d+)*)\)/gi)) {
    const numbers = match[1]!.split(', ').map((p) => Number(p.slice(1)) - 1);
    const list = numbers.map((n) => values[n]);
    if (list.includes(customerId)) continue;
    const source = findColumn(list, feeders, entries);
    if (source) spreads.push({ first: numbers[0]!, last: numbers[numbers.length - 1]!, source });
  }
  const inSpread = (n: number) => spreads.some((s) => n >= s.first && n <= s.last);

  // The audit append: a new link of the hash chain after the last one read in the same transaction.
  const insert = /^insert into "([a-z_]+)" \(([^)]*)\) values \(([^)]*)\)/i.exec(entry.sql);
  if (insert) {
    const columns = insert[2]!.split(', ').map((c) => c.replace(/"/g, ''));
    const placeholders = insert[3]!.split(', ').map((p) => (/^\$\d+$/.test(p) ? Number(p.slice(1)) - 1 : -1));
    const paramOf = (column: string) => placeholders[columns.indexOf(column)] ?? -1;
    if (paramOf('id') >= 0) sources[paramOf('id')] = { kind: 'newId' };
    if (insert[1] === 'audit_event') {
      const link = feeders.find((k) => /from "audit_event"/i.test(entries[k]!.sql));
      if (link === undefined) throw new Error('bench: the audit append reads no last link');
      sources[paramOf('seq')] = { kind: 'nextSeq', statement: link, column: 'seq' };
      sources[paramOf('prev_hash')] = { kind: 'cell', statement: link, row: 0, column: 'hash', fallback: GENESIS_HASH };
      sources[paramOf('hash')] = { kind: 'chainHash', prevHashSlot: paramOf('prev_hash') };
      sources[paramOf('at')] = { kind: 'now' };
      if (paramOf('request_id') >= 0 && values[paramOf('request_id')] !== null) sources[paramOf('request_id')] = { kind: 'newId' };
    }
  }

  // The audit append after the last link this process wrote, without reading it (one statement):
  // INSERT INTO audit_event (…) SELECT v.* FROM chain_lock CROSS JOIN (VALUES ($1::bigint, …)).
  const held = /insert into audit_event \(([^)]*)\)\s+select v\.\* from chain_lock cross join \(values \((.*?)\)\)/is.exec(entry.sql);
  if (held) {
    const columns = held[1]!.split(',').map((c) => c.trim());
    const placeholders = held[2]!.split(',').map((p) => Number(/^\s*\$(\d+)/.exec(p)?.[1] ?? 0) - 1);
    const paramOf = (column: string) => placeholders[columns.indexOf(column)] ?? -1;
    sources[paramOf('id')] = { kind: 'newId' };
    sources[paramOf('seq')] = { kind: 'heldSeq' };
    sources[paramOf('prev_hash')] = { kind: 'heldHash' };
    sources[paramOf('hash')] = { kind: 'chainHash', prevHashSlot: paramOf('prev_hash') };
    sources[paramOf('at')] = { kind: 'now' };
    if (paramOf('request_id') >= 0 && values[paramOf('request_id')] !== null) sources[paramOf('request_id')] = { kind: 'newId' };
  }

  for (let n = 0; n < values.length; n++) {
    if (sources[n] || inSpread(n)) continue;
    const value = values[n];
    if (value === customerId) sources[n] = { kind: 'customerId' };
    else if (value === tokenHash) sources[n] = { kind: 'sessionTokenHash' };
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && UUID.test(v))) sources[n] = findColumn(value, feeders, entries) ?? { kind: 'constant', value };
    else if (typeof value === 'string' && UUID.test(value)) sources[n] = findCell(value, feeders, entries) ?? { kind: 'constant', value };
    else sources[n] = { kind: 'constant', value: value instanceof Date ? value.toISOString() : value };
  }

  // Split the SQL at its placeholders, in the order they appear in the text (a statement with others
  // riding on it holds the riders' before its own), a spread list taking one slot. The baseline
  // numbers them again in that order as it fills them in.
  const text: string[] = [];
  const slots: ReplaySlot[] = [];
  let rest = entry.sql;
  const placeholders = [...entry.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
  if (placeholders.length !== values.length || new Set(placeholders).size !== values.length) throw new Error(`bench: the placeholders of "${entry.sql.slice(0, 80)}" are not each used once`);
  for (let k = 0; k < placeholders.length; k++) {
    const n = placeholders[k]!;
    const spread = spreads.find((s) => s.first === n);
    const lastParam = spread ? spread.last : n;
    const first = `$${n + 1}`;
    const last = `$${lastParam + 1}`;
    const at = rest.search(new RegExp(`\\$${n + 1}(?!\\d)`));
    const lastAt = rest.slice(at).search(new RegExp(`\\$${lastParam + 1}(?!\\d)`)) + at;
    if (at < 0 || lastAt < at) throw new Error(`bench: placeholder ${first} not found in "${entry.sql.slice(0, 80)}"`);
    text.push(rest.slice(0, at));
    slots.push(spread ? { source: spread.source, spread: true } : { source: sources[n]!, spread: false });
    rest = rest.slice(lastAt + last.length);
    if (spread) k += spread.last - spread.first;
  }
  text.push(rest);
  return { sql: entry.sql, text, slots, durationMs: Math.round((entry.end - entry.start) * 1000) / 1000 };
}

/** The latest feeding statement and row whose result holds `value` (a UUID the service passed on). */
function findCell(value: string, feeders: number[], entries: Recorded[]): ValueSource | undefined {
  for (const k of feeders) {
    const rows = entries[k]!.rows;
    for (let r = 0; r < rows.length; r++) {
      for (const [column, cell] of Object.entries(rows[r]!)) if (cell === value) return { kind: 'cell', statement: k, row: r, column, fallback: value };
    }
  }
  return undefined;
}

/**
 * The column of an earlier result that `list` was made from: all its values in order, or those of
 * the rows picked by one other column (e.g. only family relationships). Undefined if none fits.
 */
function findColumn(list: unknown[], feeders: number[], entries: Recorded[]): ValueSource | undefined {
  for (const k of feeders) {
    const rows = entries[k]!.rows;
    if (rows.length < list.length || rows.length === 0) continue;
    for (const column of Object.keys(rows[0]!)) {
      const all = rows.map((r) => r[column]);
      if (all.length === list.length && all.every((v, i) => v === list[i])) return { kind: 'column', statement: k, column };
      // An in-order subsequence: look for a column whose values separate the rows taken from the others.
      const taken: boolean[] = [];
      let i = 0;
      for (const v of all) taken.push(i < list.length && v === list[i] ? (i++, true) : false);
      if (i !== list.length) continue;
      for (const by of Object.keys(rows[0]!)) {
        if (by === column || rows.some((row) => typeof row[by] === 'string' && UUID.test(row[by] as string))) continue;
        const keep = new Set(rows.filter((_, r) => taken[r]).map((row) => row[by]));
        if (rows.every((row, r) => keep.has(row[by]) === taken[r])) return { kind: 'column', statement: k, column, filter: { column: by, values: [...keep] } };
      }
    }
  }
  return undefined;
}

/** One line per statement, for the log: order, unit, how long it took and where its values come from. */
export function describePlan(plan: ReplayPlan): string[] {
  return plan.units.flatMap((unit, u) =>
    unit.statements.map((i) => {
      const s = plan.statements[i]!;
      const from = s.slots.map((slot) => (slot.source.kind === 'constant' ? 'const' : slot.source.kind === 'column' || slot.source.kind === 'cell' ? `${slot.source.kind}(#${slot.source.statement}.${slot.source.column})` : slot.source.kind));
      const sql = s.sql.replace(/\s+/g, ' ');
      return `  #${i} unit ${u}${unit.after.length ? ` after ${unit.after.join(',')}` : ''} ${s.durationMs} ms  ${sql.length > 110 ? `${sql.slice(0, 110)}…` : sql}  [${from.join(', ')}]`;
    }),
  );
}
