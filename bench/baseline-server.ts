// The bare baseline for the customer 360 view: Fastify and one pg.Pool (or PGlite), no framework of
// ours, replaying the statements the real view ran (bench/capture-360.ts) for the customer asked for.
// Run by the bench as a child process, like the real server, so that its CPU is its own:
//
//   node --import tsx bench/baseline-server.ts <config.json>
//
// GET /360/:id hashes the bearer token (HMAC-SHA256, as sessions are stored), runs the plan's units
// in the recorded order — a unit waits for the units that had finished when it was issued and runs
// beside the others — each transaction on one connection, and answers with every statement's rows
// as JSON. Every distinct statement text with parameters is a named prepared statement (on
// PostgreSQL pg's own feature; on PGlite the server's protocol-level helper, `PGlitePreparedStatements`),
// so the baseline does the least work a hand-written route could.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import { v7 as newId } from 'uuid';
import { PGlitePreparedStatements } from '../apps/server/src/platform/db/pglite-dialect.ts';
import type { ReplayPlan, ReplayStatement, ReplayUnit, ValueSource } from './capture-360.ts';

/** What the bench hands the baseline process (as a JSON file). */
export interface BaselineConfig {
  port: number;
  plan: ReplayPlan;
  /** Base64 pepper of the session token hash (ANXIN_SESSION_SECRET). */
  sessionSecret: string;
  db: { driver: 'postgres'; url: string; poolSize: number } | { driver: 'pglite'; dataDir: string };
}

type Row = Record<string, unknown>;
type Query = (text: string, values: unknown[]) => Promise<Row[]>;

/** Runs single statements on any connection and a transaction's statements on one. */
interface Runner {
  query: Query;
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** PGlite opens and ends the transaction itself: the recorded BEGIN and COMMIT are skipped. */
  ownsTransactionEnds: boolean;
  close(): Promise<void>;
}

class Unauthorized extends Error {}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BaselineConfig;
const plan = config.plan;
const sessionSecret = Buffer.from(config.sessionSecret, 'base64');
const runner = config.db.driver === 'postgres' ? postgresRunner(config.db.url, config.db.poolSize) : await pgliteRunner(config.db.dataDir);
/** The last audit link this process wrote (a one-statement append links after it, as the server's group commit does). */
const heldLink = await runner.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1', []).then((rows) => ({ seq: Number(rows[0]?.seq ?? 0), hash: String(rows[0]?.hash ?? '0'.repeat(64)) }));

const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/360/:id', async (request, reply) => {
  const authorization = request.headers.authorization ?? '';
  const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  try {
    const results = await replay({ customerId: request.params.id, tokenHash: createHmac('sha256', sessionSecret).update(token).digest('hex') });
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify(Object.fromEntries(results.map((rows, i) => [`s${i}`, rows])));
  } catch (error) {
    if (error instanceof Unauthorized) return reply.status(401).send({ code: 'AUTH_REQUIRED' });
    throw error;
  }
});
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: config.port, host: '127.0.0.1' });

const stop = async () => {
  await app.close();
  await runner.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

async function replay(context: { customerId: string; tokenHash: string }): Promise<Row[][]> {
  const results: Row[][] = plan.statements.map(() => []);
  const done: Promise<void>[] = [];
  const runStatement = async (query: Query, i: number) => {
    const rendered = render(plan.statements[i]!, context, results);
    if (!rendered) return;
    results[i] = await query(rendered.text, rendered.values);
    if (i === plan.sessionStatement && results[i]!.length === 0) throw new Unauthorized();
  };
  const runUnit = async (unit: ReplayUnit) => {
    if (!unit.transaction) return runStatement(runner.query, unit.statements[0]!);
    const inner = runner.ownsTransactionEnds ? unit.statements.slice(1, -1) : unit.statements;
    await runner.transaction(async (query) => {
      for (const i of inner) await runStatement(query, i);
    });
  };
  plan.units.forEach((unit, u) => {
    done[u] = Promise.all(unit.after.map((k) => done[k]!)).then(() => runUnit(unit));
  });
  await Promise.all(done);
  return results;
}

/** The statement's SQL and values for this request; undefined when an `in (…)` list is empty (the statement is not run). */
function render(statement: ReplayStatement, context: { customerId: string; tokenHash: string }, results: Row[][]) {
  const values: unknown[] = [];
  let text = statement.text[0]!;
  let hashAt = -1;
  let prevHashAt = -1;
  let heldSeqAt = -1;
  for (let s = 0; s < statement.slots.length; s++) {
    const slot = statement.slots[s]!;
    if (slot.spread) {
      const list = valueOf(slot.source, context, results) as unknown[];
      if (list.length === 0) return undefined;
      text += list.map((value) => `$${values.push(value)}`).join(', ');
    } else {
      if (slot.source.kind === 'chainHash') {
        hashAt = values.length;
        prevHashAt = slot.source.prevHashSlot;
      }
      if (slot.source.kind === 'heldSeq') heldSeqAt = values.length;
      text += `$${values.push(valueOf(slot.source, context, results))}`;
    }
    text += statement.text[s + 1]!;
  }
  if (hashAt >= 0) {
    // The new link: sha256 over the previous hash and this event's other values.
    const others = values.filter((_, i) => i !== hashAt);
    values[hashAt] = createHash('sha256').update(String(values[prevHashAt])).update('\n').update(JSON.stringify(others)).digest('hex');
    // Taken synchronously, so that concurrent requests link one after another.
    if (heldSeqAt >= 0) Object.assign(heldLink, { seq: values[heldSeqAt], hash: values[hashAt] });
  }
  return { text, values };
}

function valueOf(source: ValueSource, context: { customerId: string; tokenHash: string }, results: Row[][]): unknown {
  switch (source.kind) {
    case 'constant':
      return source.value;
    case 'customerId':
      return context.customerId;
    case 'sessionTokenHash':
      return context.tokenHash;
    case 'newId':
      return newId();
    case 'now':
      return new Date();
    case 'cell':
      return results[source.statement]![source.row]?.[source.column] ?? source.fallback;
    case 'nextSeq':
      return Number(results[source.statement]![0]?.[source.column] ?? 0) + 1;
    case 'heldSeq':
      return heldLink.seq + 1;
    case 'heldHash':
      return heldLink.hash;
    case 'chainHash':
      return null; // computed once the other values are known (render)
    case 'column': {
      const filter = source.filter;
      const rows = filter ? results[source.statement]!.filter((row) => filter.values.includes(row[filter.column])) : results[source.statement]!;
      return rows.map((row) => row[source.column]);
    }
  }
}

/** Names every distinct statement text (baseline_1, baseline_2, …). */
function statementNamer() {
  const names = new Map<string, string>();
  return (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `baseline_${names.size + 1}`));
    return name;
  };
}

function postgresRunner(url: string, poolSize: number): Runner {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {});
  const nameOf = statementNamer();
  const on =
    (client: pg.Pool | pg.PoolClient): Query =>
    async (text, values) =>
      (values.length > 0 ? await client.query({ name: nameOf(text), text, values }) : await client.query(text)).rows as Row[];
  return {
    query: on(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        return await work(on(client));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    ownsTransactionEnds: false,
    close: () => pool.end(),
  };
}

async function pgliteRunner(dataDir: string): Promise<Runner> {
  const db = await PGlite.create({ dataDir });
  // PGlite has no named statements of its own: the server's protocol-level helper prepares them.
  const prepared = new PGlitePreparedStatements(db);
  const nameOf = statementNamer();
  return {
    query: async (text, values) => (values.length > 0 ? await prepared.run<Row>(nameOf(text), text, values) : await db.query<Row>(text)).rows,
    transaction: (work) => db.transaction((tx) => work(async (text, values) => (await tx.query<Row>(text, values)).rows)),
    ownsTransactionEnds: true,
    close: () => db.close(),
  };
}
