#!/usr/bin/env node
// `npm test`: lint, typecheck, then every suite — server on PGlite, the same server suites on
// PostgreSQL, and the browser journeys in Chromium. Locally a suite whose prerequisite is missing is
// skipped with the reason printed; with CI=true a missing prerequisite fails the run.
// Options: --only unit|pg|e2e|static (repeatable).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isCi = process.env.CI === 'true' || process.env.CI === '1';
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' && args[i + 1] ? [args[i + 1]] : []));
const wants = (name) => only.length === 0 || only.includes(name);
const results = [];

function run(name, command, commandArgs, env = {}) {
  process.stdout.write(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const status = r.status === 0 ? 'passed' : 'failed';
  results.push({ suite: name, status, seconds: Math.round((Date.now() - started) / 1000) });
  return status === 'passed';
}

function skip(name, reason) {
  if (isCi) {
    results.push({ suite: name, status: 'failed', reason: `missing in CI: ${reason}` });
    process.stdout.write(`\n✖ ${name}: cannot run in CI — ${reason}\n`);
  } else {
    results.push({ suite: name, status: 'skipped', reason });
    process.stdout.write(`\n⚠ ${name}: SKIPPED — ${reason}\n`);
  }
}

const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

if (wants('static')) {
  run('lint', 'npx', ['eslint', '.']);
  run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
}
if (wants('unit')) {
  run('server (PGlite)', process.execPath, [vitest, 'run', '--project', 'server'], { ANXIN_TEST_DRIVER: 'pglite' });
}
if (wants('pg')) {
  if (process.env.ANXIN_TEST_DATABASE_URL) {
    run('server (PostgreSQL)', process.execPath, [vitest, 'run', '--project', 'server'], { ANXIN_TEST_DRIVER: 'postgres' });
  } else {
    skip('server (PostgreSQL)', 'set ANXIN_TEST_DATABASE_URL=postgres://user@host:5432/db to run the database suites on PostgreSQL');
  }
}
if (wants('e2e')) {
  const chromium = process.env.ANXIN_CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (chromium && existsSync(chromium)) {
    const built = run('console build', 'npm', ['run', '--silent', 'build']);
    if (built) run('browser journeys (Chromium)', process.execPath, [vitest, 'run', '--project', 'e2e'], { ANXIN_CHROMIUM_PATH: chromium });
  } else {
    skip('browser journeys (Chromium)', 'no Chromium found: install it (Debian: apt-get install -y chromium) or set ANXIN_CHROMIUM_PATH');
  }
}

process.stdout.write('\nTest summary\n');
for (const r of results) {
  const mark = r.status === 'passed' ? '✔' : r.status === 'skipped' ? '⚠' : '✖';
  process.stdout.write(`  ${mark} ${r.suite.padEnd(30)} ${r.status}${r.seconds !== undefined ? ` (${r.seconds}s)` : ''}${r.reason ? ` — ${r.reason}` : ''}\n`);
}
mkdirSync(path.join(root, '.test-results'), { recursive: true });
writeFileSync(path.join(root, '.test-results/summary.json'), JSON.stringify({ ci: isCi, results }, null, 2));
process.exit(results.some((r) => r.status === 'failed') ? 1 : 0);
