import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_KINDS, IMPORT_MODES, ZComplaintAnalysisQuery, type TImportKind, type TImportMode } from '@anxin/contracts';
import { automationRuntimeFor, cipherFor } from './app.ts';
import { runDueWork } from './modules/automation/index.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openAndMigrate, readVersion, startServer, stopServer } from './main.ts';
import { verifyAuditChain, recordStandaloneAuditEvent } from './modules/audit/index.ts';
import { actorFromStaff } from './modules/auth/index.ts';
import { commitImport, createImport, dryRunImport, exportList, EXPORT_KINDS, iterateImportErrors, type ExportKind } from './modules/imports/index.ts';
import { findOrgUnitByCode, findStaffById, findStaffCredentialsByUsername } from './modules/org/index.ts';
import { analysisWorkbook, complaintAnalysis } from './modules/complaints/index.ts';
import { runModelScore, runModelTrain, runSegmentationAsSystem } from './modules/segmentation/index.ts';

import { generate } from './generate/generator.ts';
import type { Db } from './platform/db/database.ts';
import { DomainError } from './platform/errors.ts';

/** Output of the `anxin` command (the CLI's own output, not a log). */
const print = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

const HELP = `anxin — the Anxin insurance CRM server

Usage:
  anxin serve [--demo]   start the server and console (PORT, default 3000); --demo loads the demo insurer
  anxin demo             same as: anxin serve --demo
  anxin migrate          apply database migrations and exit
  anxin audit verify     walk the audit hash chain; exit code 1 and the first broken link if tampered
  anxin import customers|relationships|policies FILE [--dry-run] [--mode all|valid]
               [--source NAME] [--report out.json] [--as USERNAME]
                         import a CSV/XLSX file (columns mapped by header name or the source's saved
                         mapping); --dry-run validates without writing; --mode all (default) writes
                         nothing if any row is bad, --mode valid writes the good rows; progress on
                         stderr; exit 0 = every row written, 1 = rows rejected, 2 = usage error
  anxin export customers|policies --out FILE.csv|FILE.xlsx [--filter key=value …] [--as USERNAME]
                         export the list (masked, audited); filters as in the list API
  anxin report complaints --month 2026-10 [--unit HQ] --out report.xlsx [--as USERNAME]
                         the monthly complaint analysis (客户投诉分析表) of a unit (default: the
                         account's unit) as an XLSX workbook (audited as an export)
  anxin model train --target EXPR [--where EXPR] --name N [--as USERNAME]
                         train a new version of a churn or cross-sell model (target and population
                         are expressions, e.g. "lapsed_within(12)", "holds('medical')", "attr.vip");
                         prints the held-out AUC, lift at the top 5/10/20% and the weights
  anxin model score --name N [--where EXPR] --top K --out ranked.csv [--as USERNAME]
                         score the customers with the active version and write the top K (rank,
                         customer id, masked name, score, top reasons) as CSV (audited)
  anxin segment run      the segmentation batch now (also nightly at 02:00 Asia/Shanghai by the job
                         worker): customer metrics, RFM and lifecycle segments, quadrants, tags and
                         the good/bad lists, tiers, clusters of the active run, risk alerts
  anxin jobs run [--once]  run due work: outbox events (event rules, queued messages), today's
                         scheduled automation rules, due message deliveries; --once does one pass
                         and exits (for cron), otherwise repeats every ANXIN_JOBS_EVERY_SECONDS
  anxin generate --customers N [--seed S] --out DIR
                         write a realistic, deterministic book of business as CSV files (customers in
                         households, relationships, policies, claims, complaints, interactions);
                         the first three load with anxin import into a demo database
  anxin help             this text

Configuration comes from the environment; see the README's configuration table.
Without DATABASE_URL the embedded database lives in ANXIN_DATA_DIR (default ./data).
From the repository: npm run anxin -- import customers file.csv   (or: npx anxin …)
Import, export, report and model act as --as USERNAME (default admin), with that account's permissions and scope.
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async serve(args) {
    const { app, database } = await startServer({ demo: args.includes('--demo'), print });
    const shutdown = async (signal: string) => {
      print(`\n${signal}: shutting down…`);
      await stopServer(app, database);
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    return new Promise<number>(() => {}); // run until a signal
  },
  async demo(args) {
    return commands.serve!(['--demo', ...args]);
  },
  async segment(args) {
    if (args[0] !== 'run') return usage('', 'Usage: anxin segment run');
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, () => {});
    try {
      const r = await runSegmentationAsSystem(database.db, new Date(), 'cli');
      print(`customers ${r.customers}, tags written ${r.tagsApplied}, tiers changed ${r.tiersChanged}, risk alerts opened ${r.alertsOpened} in ${r.seconds} s`);
      return 0;
    } finally {
      await database.close();
    }
  },
  async jobs(args) {
    if (args[0] !== 'run') return usage('', 'Usage: anxin jobs run [--once]');
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, () => {});
    const deps = { db: database.db, cipher: cipherFor(config) };
    const runtime = automationRuntimeFor(config);
    const workerId = `cli:${process.pid}`;
    const onError = (what: string, error: unknown) => fail(`${what} failed: ${error instanceof Error ? error.name : 'error'}`);
    const pass = async () => {
      const r = await runDueWork(deps, runtime, { workerId, onError });
      print(`${new Date().toISOString()} outbox events ${r.outboxEvents}, jobs ${r.jobs}, rules fired ${r.rulesFired}, tasks escalated ${r.tasksEscalated}, messages sent ${r.messagesSent} / deferred ${r.messagesDeferred} / suppressed ${r.messagesSuppressed} / failed ${r.messagesFailed}`);
    };
    try {
      await pass();
      if (args.includes('--once')) return 0;
      const every = Math.max(config.jobsEverySeconds, 1) * 1000;
      let stopping = false;
      process.once('SIGINT', () => (stopping = true));
      process.once('SIGTERM', () => (stopping = true));
      while (!stopping) {
        await new Promise((resolve) => setTimeout(resolve, every));
        if (!stopping) await pass();
      }
      return 0;
    } finally {
      await database.close();
    }
  },
  async migrate() {
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, print);
    await database.close();
    print('Database is up to date.');
    return 0;
  },
  async audit(args) {
    if (args[0] !== 'verify') {
      fail('Usage: anxin audit verify');
      return 2;
    }
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, () => {});
    try {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        print(`Audit chain intact: ${result.checked} event(s) verified.`);
        return 0;
      }
      fail(`Audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.checked} event(s) before it verified).`);
      return 1;
    } finally {
      await database.close();
    }
  },
  async import(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          'dry-run': { type: 'boolean', default: false },
          mode: { type: 'string', default: 'all' },
          source: { type: 'string' },
          report: { type: 'string' },
          as: { type: 'string', default: 'admin' },
        },
      });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error), IMPORT_USAGE);
    }
    const [kind, file, ...extra] = parsed.positionals;
    const { values } = parsed;
    if (!IMPORT_KINDS.includes(kind as TImportKind) || !file || extra.length > 0) return usage('', IMPORT_USAGE);
    if (!IMPORT_MODES.includes(values.mode as TImportMode)) return usage(`--mode must be one of: ${IMPORT_MODES.join(', ')}`, IMPORT_USAGE);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      return usage(`Cannot read ${file}`, IMPORT_USAGE);
    }
    return withDatabase(async (db, cipher) => {
      const actor = await actorByUsername(db, values.as!);
      if (!actor) return usage(`No active staff account "${values.as}"`, IMPORT_USAGE);
      const deps = { db, cipher };
      const onProgress = progressPrinter();
      try {
        const created = await createImport(deps, actor, { kind: kind as TImportKind, fileName: path.basename(file), bytes, ...(values.source ? { source: values.source } : {}) });
        const job = created.job;
        fail(`Import ${job.id}: ${job.rows_total} row(s); columns: ${job.headers.filter((h) => job.mapping[h]).map((h) => `${h}→${job.mapping[h]}`).join(', ') || '(none mapped)'}`);
        if (created.unmappedHeaders.length > 0) fail(`Ignored columns: ${created.unmappedHeaders.join(', ')}`);
        const run = values['dry-run']
          ? await dryRunImport(deps, actor, job.id, {}, { onProgress })
          : await commitImport(deps, actor, job.id, { mode: values.mode as TImportMode }, { onProgress });
        const j = run.job;
        await writeReport(values.report, deps, actor, j.id, { ...summaryOf(j), dryRun: values['dry-run'], mode: values['dry-run'] ? null : values.mode });
        print(
          `${values['dry-run'] ? 'Dry run (nothing written)' : 'Committed'}: ${j.rows_total} row(s) in, ` +
            `${j.rows_created} ${values['dry-run'] ? 'to create' : 'created'}, ${j.rows_updated} ${values['dry-run'] ? 'to update' : 'updated'}, ` +
            `${j.rows_skipped} unchanged, ${j.rows_invalid} rejected.`,
        );
        printRowErrors(run.errors, j.rows_invalid);
        return j.rows_invalid > 0 ? 1 : 0;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail(`${error.code}: ${error.message}`);
        for (const e of error.errors.slice(0, 20)) fail(`  ${e.field}: ${e.message}`);
        if (error.code === 'IMPORT_HAS_INVALID_ROWS') {
          const jobId = String(error.extra.jobId ?? '');
          if (jobId) await writeReport(values.report, deps, actor, jobId, { failed: error.code, mode: values.mode });
        }
        return 1;
      }
    });
  },
  async export(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { out: { type: 'string' }, filter: { type: 'string', multiple: true, default: [] }, as: { type: 'string', default: 'admin' } },
      });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error), EXPORT_USAGE);
    }
    const [kind, ...extra] = parsed.positionals;
    const out = parsed.values.out;
    const format = out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out?.toLowerCase().endsWith('.csv') ? 'csv' : undefined;
    if (!EXPORT_KINDS.includes(kind as ExportKind) || extra.length > 0 || !out || !format) return usage('', EXPORT_USAGE);
    const filters: Record<string, string> = {};
    for (const f of parsed.values.filter ?? []) {
      const eq = f.indexOf('=');
      if (eq <= 0) return usage(`--filter must be key=value, got "${f}"`, EXPORT_USAGE);
      filters[f.slice(0, eq)] = f.slice(eq + 1);
    }
    return withDatabase(async (db, cipher) => {
      const actor = await actorByUsername(db, parsed.values.as!);
      if (!actor) return usage(`No active staff account "${parsed.values.as}"`, EXPORT_USAGE);
      try {
        const { rowCount } = await exportList({ db, cipher }, actor, { kind: kind as ExportKind, format, filters, path: out });
        print(`Exported ${rowCount} ${kind} row(s) to ${out} (masked).`);
        return 0;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail(`${error.code}: ${error.message}`);
        for (const e of error.errors.slice(0, 20)) fail(`  ${e.field}: ${e.message}`);
        return error.code === 'VALIDATION_FAILED' ? 2 : 1;
      }
    });
  },
  async report(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { month: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' }, as: { type: 'string', default: 'admin' } } });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error), REPORT_USAGE);
    }
    const { month, unit, out } = parsed.values;
    if (parsed.positionals.join(' ') !== 'complaints' || !month || !out?.toLowerCase().endsWith('.xlsx')) return usage('', REPORT_USAGE);
    return withDatabase(async (db, cipher) => {
      const actor = await actorByUsername(db, parsed.values.as!);
      if (!actor) return usage(`No active staff account "${parsed.values.as}"`, REPORT_USAGE);
      const orgUnit = unit ? await findOrgUnitByCode(db, unit.toUpperCase()) : undefined;
      if (unit && !orgUnit) return usage(`No org unit with code "${unit}"`, REPORT_USAGE);
      try {
        const query = ZComplaintAnalysisQuery.parse({ month, ...(orgUnit ? { unitId: orgUnit.id } : {}) });
        const analysis = await complaintAnalysis({ db, cipher }, actor, query);
        writeFileSync(out, await analysisWorkbook(analysis));
        await recordStandaloneAuditEvent(db, actor, { action: 'export.created', entityType: 'complaint', entityId: null, data: { kind: 'complaint_analysis', month, unitId: analysis.unit.id } });
        print(`Complaint analysis ${month} for ${analysis.unit.name}: ${analysis.total} complaint(s) (previous month ${analysis.previousTotal}), clock compliance ${analysis.clock.complianceRate ?? '—'}%. Written to ${out}.`);
        return 0;
      } catch (error) {
        if (error instanceof DomainError) {
          fail(`${error.code}: ${error.message}`);
          return 1;
        }
        if (error instanceof Error && error.name === 'ZodError') return usage('--month must be a month such as 2026-10', REPORT_USAGE);
        throw error;
      }
    });
  },
  async model(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { target: { type: 'string' }, where: { type: 'string' }, name: { type: 'string' }, top: { type: 'string' }, out: { type: 'string' }, as: { type: 'string', default: 'admin' } },
      });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error), MODEL_USAGE);
    }
    const { positionals, values } = parsed;
    const top = Number(values.top);
    const train = positionals.join(' ') === 'train' && values.target && values.name;
    const score = positionals.join(' ') === 'score' && values.name && values.out && Number.isInteger(top) && top >= 1 && top <= 100_000;
    if (!train && !score) return usage('', MODEL_USAGE);
    return withDatabase(async (db, cipher) => {
      const actor = await actorByUsername(db, values.as!);
      if (!actor) return usage(`No active staff account "${values.as}"`, MODEL_USAGE);
      const io = { print, fail };
      return train
        ? runModelTrain({ db, cipher }, actor, { name: values.name!, target: values.target!, where: values.where }, io)
        : runModelScore({ db, cipher }, actor, { name: values.name!, where: values.where, top, out: values.out! }, io);
    });
  },
  async generate(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { customers: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error), GENERATE_USAGE);
    }
    const customers = Number(parsed.values.customers);
    const seed = Number(parsed.values.seed);
    if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000 || !Number.isInteger(seed) || !parsed.values.out) return usage('', GENERATE_USAGE);
    const result = await generate({ customers, seed, out: parsed.values.out, onProgress: (rows) => process.stderr.write(`\rrows ${rows}`) });
    process.stderr.write('\n');
    for (const [file, rows] of Object.entries(result.files)) print(`  ${file}.csv  ${rows} rows`);
    print(`Generated ${result.rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rows / result.seconds)} rows/s) into ${parsed.values.out}.`);
    print('Load the book into a demo database with: anxin import customers, then relationships, then policies (customers.csv, relationships.csv, policies.csv).');
    return 0;
  },
  async help() {
    print(HELP);
    return 0;
  },
};

const IMPORT_USAGE =
  'Usage: anxin import customers|relationships|policies FILE [--dry-run] [--mode all|valid] [--source NAME] [--report out.json] [--as USERNAME]';
const MODEL_USAGE =
  'Usage: anxin model train --target EXPR [--where EXPR] --name N [--as USERNAME]\n       anxin model score --name N [--where EXPR] --top K --out ranked.csv [--as USERNAME]';
const GENERATE_USAGE = 'Usage: anxin generate --customers N [--seed S] --out DIR';
const REPORT_USAGE = 'Usage: anxin report complaints --month YYYY-MM [--unit CODE] --out FILE.xlsx [--as USERNAME]';
const EXPORT_USAGE = 'Usage: anxin export customers|policies --out FILE.csv|FILE.xlsx [--filter key=value …] [--as USERNAME]';

function usage(problem: string, text: string): number {
  if (problem) fail(problem);
  fail(text);
  return 2;
}

async function withDatabase(work: (db: Db, cipher: ReturnType<typeof cipherFor>) => Promise<number>): Promise<number> {
  const config = loadConfig(undefined, readVersion());
  const database = await openAndMigrate(config, () => {});
  try {
    return await work(database.db, cipherFor(config));
  } finally {
    await database.close();
  }
}

async function actorByUsername(db: Db, username: string) {
  const credentials = await findStaffCredentialsByUsername(db, username.toLowerCase());
  if (!credentials || credentials.status !== 'active') return undefined;
  const staff = await findStaffById(db, credentials.id);
  return staff ? { ...actorFromStaff(staff), requestId: `cli-${process.pid}` } : undefined;
}

/** Progress on stderr: a rewritten line on a terminal, a line per 10% otherwise. */
function progressPrinter() {
  let lastShown = -1;
  return (processed: number, total: number) => {
    if (process.stderr.isTTY) {
      if (processed === total || processed - lastShown >= 25) {
        process.stderr.write(`\rrows ${processed}/${total}${processed === total ? '\n' : ''}`);
        lastShown = processed;
      }
      return;
    }
    const step = Math.floor((processed * 10) / total);
    if (step !== lastShown || processed === total) {
      if (step !== lastShown) fail(`rows ${processed}/${total}`);
      lastShown = step;
    }
  };
}

function summaryOf(job: { id: string; kind: string; status: string; rows_total: number; rows_created: number; rows_updated: number; rows_skipped: number; rows_invalid: number }) {
  return {
    jobId: job.id,
    kind: job.kind,
    status: job.status,
    rowsTotal: job.rows_total,
    rowsCreated: job.rows_created,
    rowsUpdated: job.rows_updated,
    rowsSkipped: job.rows_skipped,
    rowsInvalid: job.rows_invalid,
  };
}

function printRowErrors(errors: { rowNumber: number; column: string | null; value: string | null; message: string }[], invalid: number) {
  for (const e of errors.slice(0, 20)) fail(`  row ${e.rowNumber}${e.column ? ` [${e.column}]` : ''}${e.value ? ` "${e.value}"` : ''}: ${e.message}`);
  if (invalid > 0 && errors.length > 20) fail(`  … see --report for every rejected row`);
}

/** The JSON report: the summary and every rejected row (values masked). */
async function writeReport(
  file: string | undefined,
  deps: Parameters<typeof iterateImportErrors>[0],
  actor: Parameters<typeof iterateImportErrors>[1],
  jobId: string,
  summary: Record<string, unknown>,
) {
  if (!file) return;
  const errors: unknown[] = [];
  for await (const rows of iterateImportErrors(deps, actor, jobId)) {
    errors.push(...rows.map((r) => ({ rowNumber: r.row_number, column: r.column_name, field: r.field, value: r.value, code: r.code, message: r.message })));
  }
  writeFileSync(file, `${JSON.stringify({ ...summary, errors }, null, 2)}\n`);
  fail(`Report written to ${file}`);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    fail(`Unknown command "${name}".\n`);
    fail(HELP);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(error.message);
      return 78; // EX_CONFIG
    }
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
