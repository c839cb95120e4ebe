import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, stopServer } from './main.ts';

// The composition root on the embedded database (a fresh data directory), as `npm start` runs it.
describe.each([
  { jobsEverySeconds: '30', handled: true },
  { jobsEverySeconds: '0', handled: false },
])('startServer with ANXIN_JOBS_EVERY_SECONDS=$jobsEverySeconds', ({ jobsEverySeconds, handled }) => {
  it(`${handled ? 'gives' : 'does not give'} the urgent work (a portal code sent at once) a handler`, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'anxin-main-'));
    const lines: string[] = [];
    const { app, database, port } = await startServer({
      demo: false,
      print: (line) => lines.push(line),
      env: { ANXIN_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ANXIN_ENV: 'development', ANXIN_CLAIM_SWEEP_MINUTES: '0', ANXIN_JOBS_EVERY_SECONDS: jobsEverySeconds },
    });
    try {
      expect(lines).toContain('First start: created the head office and the administrator account.');
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      expect(app.urgentWork.handled).toBe(handled);
    } finally {
      await stopServer(app, database);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
