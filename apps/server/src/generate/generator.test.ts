import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { loadDemo } from '../demo/index.ts';
import { actorFromStaff } from '../modules/auth/index.ts';
import { idNumberCheckDigit } from '../modules/customers/index.ts';
import { commitImport, createImport } from '../modules/imports/index.ts';
import { findStaffById, findStaffCredentialsByUsername } from '../modules/org/index.ts';
import { createTestContext } from '../test/context.ts';
import { generate } from './generator.ts';

// The data generator: deterministic, consistent (every reference resolves, ID numbers valid and
// unique), the ratios the benchmarks assume, and loadable through the real import path.
const dir = mkdtempSync(path.join(tmpdir(), 'anxin-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (run: string, file: string) => readFileSync(path.join(dir, run, file), 'utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.split(','));
const digest = (run: string) =>
  ['customers', 'relationships', 'policies', 'claims', 'complaints', 'interactions'].map((f) => createHash('sha256').update(readFileSync(path.join(dir, run, `${f}.csv`))).digest('hex')).join();

const a = await generate({ customers: 600, seed: 11, out: path.join(dir, 'a') });
await generate({ customers: 600, seed: 11, out: path.join(dir, 'b') });
await generate({ customers: 600, seed: 12, out: path.join(dir, 'c') });

describe('anxin generate', () => {
  it('gives the same files for the same seed and other files for another', () => {
    expect(digest('a')).toBe(digest('b'));
    expect(digest('a')).not.toBe(digest('c'));
  });

  it('writes customers with valid, unique ID numbers matching birth date and gender, unique mobiles, and references that resolve', () => {
    const customers = read('a', 'customers.csv');
    expect(customers).toHaveLength(600);
    const ids = new Set(customers.map((c) => c[0]));
    const idNumbers = customers.map((c) => c[5]!);
    expect(new Set(idNumbers).size).toBe(600);
    for (const c of customers) {
      const id = c[5]!;
      expect(id.slice(17)).toBe(idNumberCheckDigit(id.slice(0, 17)));
      expect(id.slice(6, 14)).toBe(c[4]!.replace(/-/g, ''));
      expect(Number(id[16]) % 2 === 1 ? '男' : '女').toBe(c[3]);
    }
    const mobiles = customers.map((c) => c[6]!).filter(Boolean);
    expect(mobiles.every((m) => /^1[3-9]\d{9}$/.test(m))).toBe(true);
    expect(new Set(mobiles).size).toBe(mobiles.length);
    for (const r of read('a', 'relationships.csv')) expect(ids.has(r[0]) && ids.has(r[1])).toBe(true);
    const policies = read('a', 'policies.csv');
    for (const p of policies) expect(ids.has(p[2]) && ids.has(p[3])).toBe(true);
    const policyNos = new Set(policies.map((p) => p[0]));
    for (const c of read('a', 'claims.csv')) expect(policyNos.has(c[1]) && ids.has(c[2])).toBe(true);
    for (const c of read('a', 'complaints.csv')) expect(ids.has(c[1])).toBe(true);
  });

  it('has the shape the benchmarks assume: ≈3 policies, ≈1 claim and ≈10 interactions per customer, skewed holdings', () => {
    const per = (n: number) => n / 600;
    expect(per(a.files.policies)).toBeGreaterThan(2.3);
    expect(per(a.files.policies)).toBeLessThan(3.8);
    expect(per(a.files.claims)).toBeGreaterThan(0.6);
    expect(per(a.files.claims)).toBeLessThan(1.4);
    expect(per(a.files.interactions)).toBeGreaterThan(7);
    expect(per(a.files.interactions)).toBeLessThan(12);
    const holdings = new Map<string, number>();
    for (const p of read('a', 'policies.csv')) holdings.set(p[3]!, (holdings.get(p[3]!) ?? 0) + 1);
    const counts = [...holdings.values()].sort((x, y) => y - x);
    expect(counts[0]).toBeGreaterThanOrEqual(8);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(3);
  });
});

describe('the import path loads it', () => {
  it('imports the generated customers, relationships and policies into the demo database with no row rejected', async () => {
    const ctx = await createTestContext();
    const cipher = cipherFor(ctx.config);
    await loadDemo(ctx.db, cipher, ctx.config.uploadDir);
    const admin = actorFromStaff((await findStaffById(ctx.db, (await findStaffCredentialsByUsername(ctx.db, 'admin'))!.id))!);
    await generate({ customers: 120, seed: 5, out: path.join(dir, 'load') });
    for (const kind of ['customers', 'relationships', 'policies'] as const) {
      const bytes = readFileSync(path.join(dir, 'load', `${kind}.csv`));
      const created = await createImport({ db: ctx.db, cipher }, admin, { kind, fileName: `${kind}.csv`, bytes });
      const { job, errors } = await commitImport({ db: ctx.db, cipher }, admin, created.job.id, { mode: 'all' });
      expect(errors, kind).toEqual([]);
      expect(job.rows_created, kind).toBe(read('load', `${kind}.csv`).length);
    }
  }, 120_000); // loads the whole demo insurer, then imports: slow on a busy 2-core machine
});
