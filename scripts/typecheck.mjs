#!/usr/bin/env node
// `npm run typecheck`: `tsc --noEmit` over every TypeScript project, as many at once as there are
// cores (each project is checked on its own; none builds on another's output). Prints each
// project's errors together, and fails if any project has one.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['packages/contracts', 'apps/server', 'apps/web', 'e2e', 'bench'];
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ project, ok: false, output: String(error) }));
    child.on('close', (code) => resolve({ project, ok: code === 0, output }));
  });
}

const queue = [...projects];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), projects.length) }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const result = await check(project);
      results.push(result);
      process.stdout.write(`${result.ok ? '✔' : '✖'} tsc -p ${project}\n${result.output}`);
    }
  }),
);
process.exit(results.every((r) => r.ok) ? 0 : 1);
