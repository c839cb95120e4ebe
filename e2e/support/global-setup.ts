import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveDemo } from './serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the demo insurer, and what its first `anxin serve --demo` printed. */
    demo: { dataDir: string; firstStartOutput: string };
  }
}

/**
 * Once per run: `anxin serve --demo` on an empty data directory — the demo insurer loaded as a new
 * user gets it — then stopped. Each journey file starts the same command on a copy of the directory.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anxin-e2e-demo-'));
  const server = await serveDemo(dataDir, { removeDataDirOnStop: false });
  const firstStartOutput = server.output();
  await server.stop();
  project.provide('demo', { dataDir, firstStartOutput });
  return () => rmSync(dataDir, { recursive: true, force: true });
}
