// Benchmarks (issue 6): generate a book, load it through the real import path against a raw COPY
// of the same rows (and its claims, complaints and interactions with a set-based bench loader), then
// measure the running server over HTTP — the customer 360 view under 8 and 32 connections
// (autocannon) with the server's memory, searches, list pages and the monthly complaint analysis —
// and the same 360 load on a bare Fastify + pg route replaying the statements the real view runs.
// One JSON line per metric on stdout; all of them in bench/results/<date>-<scale>-<driver>.json (-2, -3, … for
// a later run of the same day).
//
//   npm run bench -- --scale 10k                    PostgreSQL at ANXIN_BENCH_DATABASE_URL (default this machine's)
//   npm run bench -- --scale 100k --driver pglite   the embedded database
//   ANXIN_BENCH_DATABASE_URL='postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres' npm run bench -- --scale 100k   over the Unix socket
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { IMPORT_MAX_FILE_BYTES } from '@anxin/contracts';
import { cipherFor } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadDemo } from '../apps/server/src/demo/index.ts';
import { generate } from '../apps/server/src/generate/generator.ts';
import { openAndMigrate } from '../apps/server/src/main.ts';
import { actorFromStaff } from '../apps/server/src/modules/auth/index.ts';
import { commitImport, createImport } from '../apps/server/src/modules/imports/index.ts';
import { findStaffById, findStaffCredentialsByUsername } from '../apps/server/src/modules/org/index.ts';
import type { BaselineConfig } from './baseline-server.ts';
import { captureCustomer360, describePlan, pickRichCustomer } from './capture-360.ts';
import { loadActivity } from './load-activity.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { scale: { type: 'string', default: '10k' }, driver: { type: 'string', default: 'postgres' }, seed: { type: 'string', default: '1' }, seconds: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } } });
const SCALES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const customers = SCALES[values.scale!] ?? Number(values.scale);
if (!Number.isInteger(customers) || customers < 100) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')} or a number ≥ 100`);
const driver = values.driver === 'pglite' ? 'pglite' : 'postgres';
const seconds = Number(values.seconds);
const results: Record<string, unknown>[] = [];
const metric = (name: string, data: Record<string, unknown>) => {
  const line: Record<string, unknown> = { metric: name, scale: values.scale, driver, ...data };
  results.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
};
const log = (text: string) => process.stderr.write(`${text}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

// ── Database ──
const work = mkdtempSync(path.join(tmpdir(), 'anxin-bench-'));
const key = () => randomBytes(32).toString('base64');
const secrets = { ANXIN_FIELD_KEYS: `k1:${key()}`, ANXIN_BLIND_INDEX_KEY: key(), ANXIN_SESSION_SECRET: key() };
const adminUrl = process.env.ANXIN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `anxin_bench_${Date.now()}`;
let databaseUrl: string | undefined;
let databaseVersion = 'PGlite (embedded)';
if (driver === 'postgres') {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // The server and the baseline connect as the admin URL does: TCP, or the Unix socket when its host is a directory.
  const transport = decodeURIComponent(new URL(adminUrl).hostname).startsWith('/') ? 'Unix socket' : 'TCP';
  databaseVersion = `PostgreSQL ${(await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version} over ${transport}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}
const env: Record<string, string> = {
  ANXIN_ENV: 'development',
  LOG_LEVEL: 'warn',
  ANXIN_DATA_DIR: path.join(work, 'data'),
  ANXIN_LOGIN_RATE_LIMIT: '10000',
  ANXIN_CLAIM_SWEEP_MINUTES: '0',
  // No in-process job worker: on most hours of the day it would start tonight's segmentation batch
  // (due at 02:00 Shanghai) as soon as the server is up, under the measured load. The bench times
  // that batch on its own, through its HTTP route, after the other metrics.
  ANXIN_JOBS_EVERY_SECONDS: '0',
  ANXIN_SESSION_IDLE_MINUTES: '600',
  ...(driver === 'postgres' ? { DATABASE_URL: databaseUrl!, ...secrets } : {}),
};

try {
  // ── Generate ──
  const out = path.join(work, 'book');
  const generated = await generate({ customers, seed: Number(values.seed), out });
  metric('generate', { rows: generated.rows, seconds: round(generated.seconds), rowsPerSecond: Math.round(generated.rows / generated.seconds) });

  // ── Import through the real path, against COPY of the same rows ──
  const config = loadConfig(env, '0.0.0-bench');
  const database = await openAndMigrate(config, () => {});
  const cipher = cipherFor(config);
  await loadDemo(database.db, cipher, config.uploadDir);
  const adminStaff = (await findStaffCredentialsByUsername(database.db, 'admin'))!;
  const admin = actorFromStaff((await findStaffById(database.db, adminStaff.id))!);
  for (const kind of ['customers', 'relationships', 'policies'] as const) {
    // An import file holds at most IMPORT_MAX_FILE_BYTES (20 MB): a bigger book goes in parts, as a user would send it.
    const parts = splitCsv(readFileSync(path.join(out, `${kind}.csv`)), IMPORT_MAX_FILE_BYTES - 1024 * 1024);
    let rows = 0;
    let rejected = 0;
    const started = performance.now();
    for (const [i, bytes] of parts.entries()) {
      const created = await createImport({ db: database.db, cipher }, admin, { kind, fileName: `${kind}-${i + 1}.csv`, bytes });
      const { job } = await commitImport({ db: database.db, cipher }, admin, created.job.id, { mode: 'valid' });
      rows += job.rows_created + job.rows_updated;
      rejected += job.rows_invalid;
    }
    const s = (performance.now() - started) / 1000;
    let copy: { rowsPerSecond: number } | null = null;
    if (driver === 'postgres') copy = await copyBaseline(databaseUrl!, path.join(out, `${kind}.csv`), generated.files[kind]);
    metric(`import.${kind}`, { rows, rejected, files: parts.length, seconds: round(s), rowsPerSecond: Math.round(rows / s), copyRowsPerSecond: copy?.rowsPerSecond ?? null, ratioToCopy: copy ? round(rows / s / copy.rowsPerSecond, 3) : null });
  }

  // ── Claims, complaints and interactions of the book (bench set-up, not the import benchmark) ──
  const activity = await loadActivity(database, databaseUrl, cipher, out);
  metric('load.activity', { ...activity.rows, skipped: activity.skipped, complaintsSwept: activity.swept, seconds: round(activity.seconds), phases: activity.phases });

  const sample = (await database.db.selectFrom('customer').select('id').orderBy('id').execute()).map((r) => r.id);
  const richCustomer = await pickRichCustomer(database.db);
  const people = readFileSync(path.join(out, 'customers.csv'), 'utf8').split('\n').slice(1, 2001).map((l) => l.split(','));
  const policyNos = readFileSync(path.join(out, 'policies.csv'), 'utf8').split('\n').slice(1, 201).map((l) => l.split(',')[0]!);
  await database.close();

  // ── The server, as a separate process (its memory is measured alone) ──
  const port = 34000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [path.join(root, 'apps/server/bin/anxin.mjs'), 'serve'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ANXIN_ADMIN_PASSWORD: 'bench-admin-password' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  let token = '';
  const customer360 = new Map<number, Record<string, unknown>>();
  try {
    await waitForHealth(`${base}/api/health`, 'the server');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'anxin-demo-2026' }) });
    ({ token } = (await login.json()) as { token: string });
    const headers = { authorization: `Bearer ${token}` };
    const timed = async (url: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return performance.now() - started;
    };
    const latency = async (name: string, urls: string[]) => {
      for (const u of urls.slice(0, 5)) await timed(u); // warm-up
      const ms: number[] = [];
      for (const u of urls) ms.push(await timed(u));
      ms.sort((a, b) => a - b);
      metric(name, { requests: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) });
    };

    // Customer 360 under load, with the server's resident memory sampled meanwhile.
    for (const connections of [8, 32]) {
      await settle();
      const result = await load360(base, (id) => `/api/v1/customers/${id}/360`, connections, headers, sample, server.pid!);
      customer360.set(connections, metric(`customer360.c${connections}`, result));
    }

    // Searches: Chinese name, pinyin, mobile, ID number, policy number.
    const pickN = <T>(items: T[], n: number) => Array.from({ length: n }, (_, i) => items[(i * 7919) % items.length]!);
    const q = (v: string) => `/api/v1/customers?q=${encodeURIComponent(v)}&limit=20`;
    await latency('search.name', pickN(people, 100).map((p) => q(p[1]!)));
    await latency('search.mobile', pickN(people.filter((p) => p[6]), 100).map((p) => q(p[6]!)));
    await latency('search.idNumber', pickN(people, 100).map((p) => q(p[5]!)));
    await latency('search.policyNo', pickN(policyNos, 100).map((p) => q(p)));

    // Lists: the first page and a deep page (keyset cursors followed from the start).
    // `generated` tells the rows of the generated book (loaded by the bench) from the demo's.
    const deep = async (name: string, first: string, pages: number, generated?: (item: Record<string, unknown>) => boolean) => {
      let url = first;
      const urls: string[] = [];
      let rows = 0;
      let generatedRows = 0;
      for (let i = 0; i < pages; i++) {
        const res = await fetch(`${base}${url}`, { headers });
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const body = (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
        rows += body.items.length;
        if (generated) generatedRows += body.items.filter(generated).length;
        if (!body.nextCursor) break;
        url = `${first}&cursor=${encodeURIComponent(body.nextCursor)}`;
        urls.push(url);
      }
      await latency(`${name}.firstPage`, Array.from({ length: 50 }, () => first));
      if (urls.length > 0) await latency(`${name}.deepPage`, Array.from({ length: 50 }, () => urls[urls.length - 1]!));
      metric(`${name}.depth`, { pagesFollowed: urls.length, rows, ...(generated ? { generatedRows } : {}) });
    };
    await deep('list.customers', '/api/v1/customers?limit=20', 200);
    await deep('list.policies', '/api/v1/policies?limit=20', 200);
    await deep('list.claims', '/api/v1/claims?limit=20&sort=-reportedAt', 50, (c) => String(c.claimNo).startsWith('GC'));
    await deep('list.complaintDesk', '/api/v1/complaints?limit=20&all=1', 50, (c) => String(c.complaintNo).startsWith('GM'));

    // Batch: the monthly complaint analysis for head office.
    const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 7);
    const analysis = await timed(`/api/v1/complaints/analysis?month=${month}`);
    metric('batch.complaintAnalysisHq', { seconds: round(analysis / 1000) });

    // Batch: segmentation over every customer (metrics, RFM, lifecycle, quadrants, tags, lists,
    // tiers, risk alerts) — set-based SQL; then clustering (a 20k sample fitted, everyone assigned).
    // "Run now" answers at once (202) with the run, which the bench polls until it is done.
    const segStarted = performance.now();
    const segRun = await untilFinished(await postLong(`${base}/api/v1/segmentation/run`, token, null), `${base}/api/v1/segmentation/runs`, headers);
    const segBody = segRun.result as Record<string, unknown> | null;
    if (segRun.status !== 'done' || !segBody) throw new Error(`segmentation run ${String(segRun.id)} ${String(segRun.status)}: ${String(segRun.error)}`);
    metric('batch.segmentation', { seconds: segBody.seconds, wallSeconds: round((performance.now() - segStarted) / 1000), customers: segBody.customers, tagsApplied: segBody.tagsApplied, tiersChanged: segBody.tiersChanged, alertsOpened: segBody.alertsOpened });
    const clusterStarted = performance.now();
    const clusterBody = await postLong(`${base}/api/v1/clusters/run`, token, { kMin: 2, kMax: 8 });
    metric('batch.clusters', { seconds: round((performance.now() - clusterStarted) / 1000), k: clusterBody.k, silhouette: clusterBody.silhouette, customers: clusterBody.customers });

    // The audit chain over everything the run wrote (the imports, the views, the batches), walked
    // end to end as compliance does it; a broken link fails the bench.
    const verifyStarted = performance.now();
    const walk = await untilFinished(await postLong(`${base}/api/v1/audit-events/verifications`, token, null), `${base}/api/v1/audit-events/verifications`, headers);
    const verified = walk.result as { ok: boolean; checked: number } | null;
    if (walk.status !== 'done' || !verified?.ok) throw new Error(`audit chain: ${JSON.stringify(walk)}`);
    metric('batch.auditVerify', { seconds: round((performance.now() - verifyStarted) / 1000), events: verified.checked });
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }

  // ── The bare baseline: Fastify + pg replaying the statements of the real view (bench/capture-360.ts) ──
  // After the real server stopped: PGlite opens its data directory in one process at a time.
  const plan = await captureCustomer360(config, cipher, token, richCustomer);
  metric('customer360.statements', { statements: plan.statements.length, units: plan.units.length, transactions: plan.units.filter((u) => u.transaction).length });
  log(`customer 360: ${plan.statements.length} statements recorded for customer ${plan.sampleCustomerId} (unit = run in order; "after" = waits for):`);
  for (const line of describePlan(plan)) log(line);
  const baselinePort = port + 1000;
  const baselineConfig: BaselineConfig = {
    port: baselinePort,
    plan,
    sessionSecret: config.secrets.sessionSecret.toString('base64'),
    db: config.db.driver === 'postgres' ? { driver: 'postgres', url: config.db.url, poolSize: config.db.poolSize } : { driver: 'pglite', dataDir: config.db.dataDir },
  };
  const baselineFile = path.join(work, 'baseline.json');
  writeFileSync(baselineFile, JSON.stringify(baselineConfig));
  const baseline = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/baseline-server.ts'), baselineFile], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const baselineBase = `http://127.0.0.1:${baselinePort}`;
  try {
    await waitForHealth(`${baselineBase}/health`, 'the baseline server');
    const ratios: Record<string, number> = {};
    for (const connections of [8, 32]) {
      await settle();
      const result = await load360(baselineBase, (id) => `/360/${id}`, connections, { authorization: `Bearer ${token}` }, sample, baseline.pid!);
      metric(`baseline360.c${connections}`, result);
      const real = customer360.get(connections);
      if (real && result.requestsPerSecond > 0) {
        real.ratioToBaseline = round(Number(real.requestsPerSecond) / result.requestsPerSecond, 3);
        ratios[`c${connections}`] = real.ratioToBaseline as number;
      }
    }
    metric('customer360.ratio', ratios);
  } finally {
    baseline.kill('SIGTERM');
    await once(baseline, 'exit');
  }
} finally {
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  // A second run of the same day and scale gets its own file (-2, -3, …): results are never overwritten.
  const stem = path.join(root, 'bench/results', `${new Date().toISOString().slice(0, 10)}-${values.scale}-${driver}`);
  let file = `${stem}.json`;
  for (let n = 2; existsSync(file); n++) file = `${stem}-${n}.json`;
  writeFileSync(file, `${JSON.stringify({ machine: { ...machine(), database: databaseVersion }, results }, null, 2)}\n`);
  log(`results: ${path.relative(root, file)}`);
  if (values.keep) {
    // What a server needs to open the kept database (its keys are the run's own): `set -a; . <file>`.
    const envFile = path.join(work, 'server.env');
    writeFileSync(envFile, Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });
    log(`kept: ${databaseUrl ?? env.ANXIN_DATA_DIR} (server environment in ${envFile})`);
  } else {
    rmSync(work, { recursive: true, force: true });
    if (driver === 'postgres') {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/**
 * Before each 360 load, the same quiet start for the server and the baseline: on PostgreSQL a
 * CHECKPOINT (the bulk load's dirty pages are written now, not by the checkpointer during a measured
 * run) and no autovacuum worker busy in the bench database (at most a minute's wait). A 10k run had
 * read 514 req/s for the server just after the load and 643 on the same database a few minutes later.
 */
async function settle() {
  if (driver !== 'postgres') return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    for (let i = 0; i < 60; i++) {
      const busy = await client.query("SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()");
      if (busy.rowCount === 0) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await client.end();
  }
}

/** Random customers' 360 views for `seconds` at `connections`, with the serving process's peak resident memory. */
async function load360(base: string, pathOf: (id: string) => string, connections: number, headers: Record<string, string>, customerIds: string[], pid: number) {
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections,
      duration,
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, path: pathOf(customerIds[Math.floor(Math.random() * customerIds.length)]!) }) }],
    });
  // Warm-up, not measured: the first seconds of a fresh process are JIT compilation and each pooled
  // connection preparing its statements (the first 8-connection run read ≈ 250 req/s warm-up included, ≈ 500 after).
  await run(Math.min(3, seconds));
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 250);
  const result = await run(seconds);
  clearInterval(sampler);
  return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx, serverPeakRssMb: Math.round(peakRss / 1024) };
}

async function waitForHealth(url: string, what: string) {
  for (let i = 0; i <= 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start`);
}

/** A CSV file as parts of at most `maxBytes`, each starting with the header row. */
function splitCsv(bytes: Buffer, maxBytes: number): Buffer[] {
  if (bytes.length <= maxBytes) return [bytes];
  const text = bytes.toString('utf8');
  const headerEnd = text.indexOf('\n') + 1;
  const header = text.slice(0, headerEnd);
  const parts: Buffer[] = [];
  let start = headerEnd;
  while (start < text.length) {
    let end = Math.min(text.length, start + Math.floor(maxBytes / 3)); // ≤ 3 bytes per character in UTF-8
    if (end < text.length) end = text.lastIndexOf('\n', end) + 1;
    parts.push(Buffer.from(header + text.slice(start, end), 'utf8'));
    start = end;
  }
  return parts;
}

function round(n: number, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function rssOf(pid: number) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
  return { node: process.version, cpus: Number(readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0), cpu, memoryGb: Math.round(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024 / 1024) };
}

/** COPY of the same CSV into a scratch table of text columns: the raw speed the import is measured against. */
async function copyBaseline(url: string, file: string, rows: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const header = readFileSync(file, 'utf8').split('\n', 1)[0]!.replace(/^\uFEFF/, '').split(',');
    await client.query(`DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (${header.map((_, i) => `c${i} text`).join(', ')})`);
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const s = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_copy');
    return { rowsPerSecond: Math.round(rows / s) };
  } finally {
    await client.end();
  }
}

/** A POST that may run for many minutes (batches at 1M customers): node:http, no client timeout. */
/** Polls a run a request started as a job (`GET {runs}/{id}`) until it is done or failed. */
async function untilFinished(run: Record<string, unknown>, runs: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  while (run.status === 'queued' || run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const res = await fetch(`${runs}/${String(run.id)}`, { headers });
    if (!res.ok) throw new Error(`${runs}/${String(run.id)}: HTTP ${res.status}`);
    run = (await res.json()) as Record<string, unknown>;
  }
  return run;
}

function postLong(url: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const payload = body === null ? '' : JSON.stringify(body);
    const request = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`${url}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}
