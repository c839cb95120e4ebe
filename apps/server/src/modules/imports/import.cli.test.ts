import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../platform/db/database.ts';
import { createOrgUnit } from '../org/index.ts';
import { insertProducts } from '../products/index.ts';
import { newId } from '../../platform/ids.ts';
import { seedOrg, seedStaff } from '../../test/factories.ts';
import { testDriver } from '../../test/golden.ts';

// `anxin import` / `anxin export` end to end: the real command on an embedded database, with the
// sample files of docs/samples (the documentation's examples are the tests' inputs).
const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '../../../bin/anxin.mjs');
const SAMPLES = path.resolve(HERE, '../../../../../docs/samples');

// Each step spawns the real command (several seconds apiece), and the command always runs on the
// embedded database here; the suite therefore runs once, in the PGlite pass — the PostgreSQL pass
// covers the same import and export code through the routes (import.routes.test.ts, export.routes.test.ts).
// XLSX export, policy export and policy re-import are covered there too.
describe.skipIf(testDriver() === 'postgres')('anxin import / export (CLI, embedded database)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anxin-import-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // eslint-disable-next-line no-restricted-properties -- building a child process's environment, not reading configuration
  const { DATABASE_URL: _url, ANXIN_FIELD_KEYS: _keys, ANXIN_FIELD_KEY_ID: _keyId, ANXIN_BLIND_INDEX_KEY: _bidx, ANXIN_SESSION_SECRET: _secret, ...inherited } = process.env;
  const env = { ...inherited, ANXIN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, cwd: dataDir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  // PGlite data directories take one process at a time: open, work, close before the CLI runs.
  const withEmbedded = async <T>(work: (db: Db) => Promise<T>) => {
    const database = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  };
  const count = (table: 'customer' | 'relationship' | 'policy') =>
    withEmbedded(async (db) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n));
  const sample = (name: string) => path.join(SAMPLES, name);

  it('imports the sample files: dry run, all-or-nothing, valid-only, re-import, report, export', { timeout: 600_000 }, async () => {
    expect((await run('migrate')).code).toBe(0);
    await withEmbedded(async (db) => {
      const org = await seedOrg(db);
      const zj = await createOrgUnit(db, org.system, { parentId: org.units.hq.id, level: 'province', code: 'ZJ', name: '浙江分公司' });
      const hz = await createOrgUnit(db, org.system, { parentId: zj.id, level: 'city', code: 'ZJ-HZ', name: '杭州中心支公司' });
      await createOrgUnit(db, org.system, { parentId: zj.id, level: 'city', code: 'ZJ-NB', name: '宁波中心支公司' });
      await seedStaff(db, org, org.units.hq.id, 'admin', ['admin']);
      await seedStaff(db, org, hz.id, 'hz.agent', ['agent']);
      const coverages = JSON.stringify([{ code: 'MAIN', name: '主险责任', sumInsuredLimitFen: null, deductibleFen: 0, reimbursementPct: 100 }]);
      await insertProducts(
        db,
        [
          ['AX-CI', '安心重疾 2026', 'critical_illness'],
          ['AX-MED', '安心医疗 2026', 'medical'],
        ].map(([code, name, line]) => ({ id: newId(), code: code!, name: name!, line: line as 'medical', risk_level: 'R2' as const, coverages, claim_documents: '[]', description: null, created_at: new Date(), updated_at: new Date() })),
      );
    });

    // Usage errors: exit 2.
    expect((await run('import', 'claims', sample('customers.csv'))).code).toBe(2);
    const nobody = await run('import', 'customers', sample('customers.csv'), '--as', 'nobody');
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('No active staff account "nobody"');
    expect((await run('export', 'customers')).code).toBe(2);

    // Dry run: every bad row listed, nothing written, exit 1; the JSON report is masked.
    const report = path.join(dataDir, 'report.json');
    const dry = await run('import', 'customers', sample('customers-with-errors.csv'), '--dry-run', '--report', report);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('Dry run (nothing written): 8 row(s) in, 2 to create, 0 to update, 0 unchanged, 6 rejected.');
    expect(dry.stderr).toContain('rows 8/8');
    const json = JSON.parse(readFileSync(report, 'utf8')) as { rowsTotal: number; rowsInvalid: number; errors: { rowNumber: number; column: string | null; value: string | null }[] };
    expect(json).toMatchObject({ rowsTotal: 8, rowsInvalid: 6, dryRun: true });
    expect([...new Set(json.errors.map((e) => e.rowNumber))]).toEqual([3, 4, 5, 6, 7, 9]);
    expect(json.errors.find((e) => e.rowNumber === 3)).toMatchObject({ column: '证件号码', value: '330203********5625' });
    expect(readFileSync(report, 'utf8')).not.toContain('330203198011115625');
    expect(await count('customer')).toBe(0);

    // All-or-nothing (default): refused, nothing written.
    const all = await run('import', 'customers', sample('customers-with-errors.csv'));
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('IMPORT_HAS_INVALID_ROWS: 6 of 8 rows are invalid; nothing was written.');
    expect(await count('customer')).toBe(0);

    // A clean file commits: exit 0.
    const ok = await run('import', 'customers', sample('customers.csv'), '--source', 'old-crm');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Committed: 5 row(s) in, 5 created, 0 updated, 0 unchanged, 0 rejected.');
    expect(await count('customer')).toBe(5);

    // Re-import: updated by external id, no duplicates.
    const again = await run('import', 'customers', sample('customers.csv'), '--source', 'old-crm');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Committed: 5 row(s) in, 0 created, 5 updated, 0 unchanged, 0 rejected.');
    expect(await count('customer')).toBe(5);

    // Valid-only: good rows written, bad rows reported, exit 1.
    const valid = await run('import', 'customers', sample('customers-with-errors.csv'), '--mode', 'valid');
    expect(valid.code).toBe(1);
    expect(valid.stdout).toContain('Committed: 8 row(s) in, 2 created, 0 updated, 0 unchanged, 6 rejected.');
    expect(await count('customer')).toBe(7);

    // Relationships: the pair with an unknown customer is rejected.
    const rel = await run('import', 'relationships', sample('relationships.csv'), '--mode', 'valid');
    expect(rel.code).toBe(1);
    expect(rel.stdout).toContain('Committed: 4 row(s) in, 3 created, 0 updated, 0 unchanged, 1 rejected.');
    expect(rel.stderr).toMatch(/row 5 \[关系人外部编号\] "C-9999"/);

    // Policies: the sample has an unknown product and beneficiary shares that do not total 100 %.
    const pol = await run('import', 'policies', sample('policies.csv'), '--mode', 'valid');
    expect(pol.code, pol.stderr).toBe(1);
    expect(pol.stdout).toContain('Committed: 5 row(s) in, 3 created, 0 updated, 0 unchanged, 2 rejected.');
    expect(await count('policy')).toBe(3);

    // Export: masked, audited.
    const out = path.join(dataDir, 'customers.csv');
    const exported = await run('export', 'customers', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Exported 7 customers row(s) to ${out} (masked).`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('王建国');
    expect(text).toContain('330106********1231');
    expect(text).not.toContain('330106198503121231');
    expect(text).not.toContain('13812345678');
    const audits = await withEmbedded(async (db) => (await sql<{ n: string }>`SELECT count(*) AS n FROM audit_event WHERE action = 'export.created'`.execute(db)).rows[0]!.n);
    expect(Number(audits)).toBe(1);
  });
});
