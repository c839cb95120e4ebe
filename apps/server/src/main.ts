import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { automationRuntimeFor, buildApp, cipherFor } from './app.ts';
import { publishAndDeliver, runDueWork } from './modules/automation/index.ts';
import { loadConfig, type Config } from './config.ts';
import { analyseDemoBook, loadDemo } from './demo/index.ts';
import { answerDemoSurveys } from './demo/demo-surveys.ts';
import { sweepClaimClocks } from './modules/claims/index.ts';
import { expireEndedPolicies } from './modules/policies/index.ts';
import { escalateOverdueActions, sweepComplaintClocks } from './modules/complaints/index.ts';
import { processWorkerId } from './platform/jobs.ts';
import { repeatTask } from './platform/repeat.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate, refreshReferenceStatistics } from './platform/db/migrate.ts';
import { ensureFirstAdministrator } from './modules/org/index.ts';

/** The package version, shown by /api/health and the OpenAPI document. */
export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export type Print = (line: string) => void;

/** Opens the configured database and brings its schema up to date. */
export async function openAndMigrate(config: Config, print: Print): Promise<Database> {
  const database = await openDatabase(config.db.driver === 'pglite' ? { driver: 'pglite', dataDir: config.db.dataDir } : config.db);
  const applied = await migrate(database.db);
  if (applied.length > 0) print(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  return database;
}

/**
 * Composition root: config → database → migrations → first administrator or demo → HTTP server.
 * Returns the running app so the CLI can close it on a signal.
 */
export async function startServer(options: { demo: boolean; print: Print; env?: Record<string, string | undefined> }) {
  const { print } = options;
  const config = loadConfig(options.env, readVersion());
  const database = await openAndMigrate(config, print);
  print(
    config.db.driver === 'pglite'
      ? `Database: embedded PostgreSQL (PGlite) in ${config.db.dataDir}`
      : `Database: PostgreSQL at ${redactUrl(config.db.url)}`,
  );
  if (config.secretsSource === 'data-dir') print(`Secrets: ${config.dataDir}/secrets.json (generated on first start; back it up with the data)`);

  if (options.demo) {
    const demo = await loadDemo(database.db, cipherFor(config), config.uploadDir);
    if (demo.status === 'refused') {
      await database.close();
      throw new Error(`Demo not loaded: ${demo.reason}`);
    }
    if (demo.status === 'loaded') {
      // The demo's history (closed claims, resolved complaints, new policies) has queued a backlog of
      // events: let automation catch up now, before users arrive, rather than under their clicks.
      const deps = { db: database.db, cipher: cipherFor(config) };
      const catchUp = async () => {
        for (let pass = 0; pass < 20; pass++) {
          const r = await runDueWork(deps, automationRuntimeFor(config), { workerId: 'demo-load' });
          if (r.outboxEvents === 0 && r.messagesSent + r.messagesFailed + r.messagesSuppressed + r.messagesDeferred === 0) break;
        }
      };
      await catchUp();
      // Customers answer most of the surveys that history sent them; low scores open their tasks.
      if ((await answerDemoSurveys(database.db, cipherFor(config))) > 0) await catchUp();
      await analyseDemoBook(database.db, cipherFor(config));
    }
    print('');
    print(demo.status === 'loaded' ? 'Demo insurer loaded.' : 'Demo insurer already present.');
    print(`Demo password for every account: ${demo.password}`);
    print('Accounts: admin (head-office administrator), and <unit>.<role> for every unit and role, e.g.');
    print('  hq.compliance_auditor  zj.branch_manager  hz.agent  hz.csr  nb.claims_adjuster  gz.complaint_handler');
    print('  units: hq, zj (hz, nb), gd (gz, sz), sc (cd, my)');
    print('  roles: admin agent csr underwriter claims_adjuster complaint_handler branch_manager analyst compliance_auditor');
    if (demo.portal) {
      print('Customer portal (/portal), fictional demo customer:');
      print(`  policy number ${demo.portal.policyNo}, ID number ${demo.portal.idNumber}; read the one-time code in the console's Message inbox (admin)`);
    }
  } else {
    const admin = await ensureFirstAdministrator(database.db, { password: config.adminPassword });
    if (admin) {
      print('');
      print('First start: created the head office and the administrator account.');
      print(`  username: ${admin.username}`);
      print(admin.generated ? `  one-time password: ${admin.password}  (you must change it at first login)` : '  password: the value of ANXIN_ADMIN_PASSWORD');
    }
  }

  await refreshReferenceStatistics(database.db);
  const app = await buildApp({ config, database, prettyLogs: process.stdout.isTTY });
  // Clock warnings, breaches and the escalations they cause are recorded in the background, not only
  // when a desk or board is opened.
  const stops: (() => void)[] = [];
  app.addHook('onClose', async () => stops.forEach((stop) => stop()));
  await app.listen({ port: config.port, host: config.host });
  if (config.claimSweepMinutes > 0) {
    const deps = { db: database.db, cipher: cipherFor(config) };
    const every = config.claimSweepMinutes * 60_000;
    stops.push(repeatTask('claim clock sweep', () => sweepClaimClocks(deps), every, app.log));
    stops.push(repeatTask('policy expiry', () => expireEndedPolicies(deps), every, app.log));
    stops.push(repeatTask('complaint clock sweep', async () => (await sweepComplaintClocks(deps)) + (await escalateOverdueActions(deps)), every, app.log));
  }
  if (config.jobsEverySeconds > 0) {
    // Outbox events, today's scheduled rules and due messages. Several processes may run this at
    // once: jobs, events and messages are claimed with SKIP LOCKED and rules fire once per period.
    const deps = { db: database.db, cipher: cipherFor(config) };
    const runtime = automationRuntimeFor(config);
    const workerId = processWorkerId();
    const onError = (what: string, error: unknown) => app.log.error({ what, err: error instanceof Error ? { name: error.name } : {} }, 'due work failed');
    stops.push(
      repeatTask(
        'due work',
        async () => {
          const r = await runDueWork(deps, runtime, { workerId, onError });
          return r.outboxEvents + r.jobs + r.messagesSent + r.messagesDeferred + r.messagesSuppressed + r.messagesFailed;
        },
        config.jobsEverySeconds * 1000,
        app.log,
      ),
    );
    // A portal sign-in code is published and sent as soon as it is asked for, not at the next pass.
    app.urgentWork.handleWith(async () => {
      await publishAndDeliver(deps, runtime, { onError });
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  print('');
  print(`Anxin ${config.version} is running:`);
  print(`  console   http://localhost:${port}/`);
  print(`  API docs  http://localhost:${port}/api/docs`);
  return { app, database, config, port };
}

export async function stopServer(app: FastifyInstance, database: Database) {
  await app.close();
  await database.close();
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
