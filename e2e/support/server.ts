import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { serveDemo, type RunningServer } from './serve.ts';

export type { RunningServer } from './serve.ts';

/**
 * A server for one journey file: `anxin serve --demo` on its own copy of the data directory that
 * the run's global setup filled by starting the same command on an empty one (the demo insurer's
 * load takes ≈ 20 s; each file changes its copy as it likes, and the copy goes when it stops).
 */
export async function startDemoServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anxin-e2e-'));
  cpSync(inject('demo').dataDir, dataDir, { recursive: true });
  return serveDemo(dataDir, { removeDataDirOnStop: true });
}
