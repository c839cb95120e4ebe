#!/usr/bin/env node
// `npm start` / `npm run demo`: builds the console once if it has not been built, then runs `anxin`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'apps/web');
const dist = path.join(webDir, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(dist) || newestMtime(path.join(webDir, 'src')) > statSync(dist).mtimeMs;
if (stale && process.env.ANXIN_SKIP_WEB_BUILD !== 'true') {
  process.stdout.write('Building the console (first start only)…\n');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const cli = spawnSync(process.execPath, [path.join(root, 'apps/server/bin/anxin.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(cli.status ?? 1);
