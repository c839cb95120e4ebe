import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { cipherFor } from '../../app.ts';
import { createTestContext } from '../../test/context.ts';
import { seedOrg, seedStaff } from '../../test/factories.ts';
import { createCustomer } from '../customers/index.ts';
import { createPolicy } from '../policies/index.ts';
import { createProduct } from '../products/index.ts';
import { runModelScore, runModelTrain } from './model-cli.ts';
import { compileModelExpression } from './model-expression.ts';
import { seedPlantedBook } from './model.fixtures.ts';
import { listAttributeInfo } from './model.repository.ts';
import { activateModel, listModelScores, scoreModel, trainModel } from './model.service.ts';

// Models on the real database: the compiled expressions select the right customers; a model must
// find a planted signal (and nothing in a coin toss); scoring, ranking and the CLI commands.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const org = await seedOrg(ctx.db);
const analyst = (await seedStaff(ctx.db, org, org.units.hq.id, 'hq.analyst', ['analyst'])).actor;
const agent = await seedStaff(ctx.db, org, org.units.eastA.id, 'ea.agent', ['agent']);
const now = new Date();

describe('compiled expressions on the database', () => {
  it('select the customers they describe (holdings, lapses, attributes, metrics, missing values)', async () => {
    const system = org.system;
    const medical = await createProduct(deps, system, { code: 'MED-1', name: '安心医疗', line: 'medical', riskLevel: 'R1', waitingDays: 0, coverages: [{ code: 'MED', name: '医疗' }], claimDocuments: [] });
    const make = async (name: string) => (await createCustomer(deps, system, { name, orgUnitId: org.units.eastA.id, ownerAgentId: agent.staff.id })).id;
    const [holder, lapser, plain] = [await make('甲'), await make('乙'), await make('丙')];
    const policy = (customerId: string) =>
      createPolicy(deps, system, { productId: medical.id, policyholderId: customerId, insuredIds: [customerId], sumInsuredFen: 1_000_000, premiumFen: 10_000, paymentFrequency: 'annual', effectiveOn: '2026-01-01', expiresOn: '2026-12-31', agentId: agent.staff.id });
    const held = await policy(holder);
    const lapsed = await policy(lapser);
    await ctx.db.updateTable('policy').set({ status: 'in_force' }).where('id', '=', held.row.id).execute();
    const twoMonthsAgo = new Date(now.getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    await ctx.db.updateTable('policy').set({ status: 'lapsed', status_changed_on: twoMonthsAgo }).where('id', '=', lapsed.row.id).execute();
    await ctx.db.updateTable('customer').set({ attributes: JSON.stringify({ vip: true, income: 12000, channel: 'bank', note: 'vip' }) }).where('id', '=', holder).execute();
    await ctx.db.updateTable('customer').set({ attributes: JSON.stringify({ vip: false, channel: 'agent' }) }).where('id', '=', lapser).execute();
    await sql`INSERT INTO customer_attribute_definition (id, key, label_zh, label_en, type, options) VALUES
      (overlay(overlay(md5('t-vip') placing '4' from 13) placing '8' from 17)::uuid, 'vip', 'VIP', 'VIP', 'boolean', '[]'), (overlay(overlay(md5('t-income') placing '4' from 13) placing '8' from 17)::uuid, 'income', '收入', 'Income', 'number', '[]'),
      (overlay(overlay(md5('t-note') placing '4' from 13) placing '8' from 17)::uuid, 'note', '备注', 'Note', 'text', '[]'),
      (overlay(overlay(md5('t-channel') placing '4' from 13) placing '8' from 17)::uuid, 'channel', '渠道', 'Channel', 'enum', '[{"value": "bank", "labelZh": "银行", "labelEn": "Bank"}, {"value": "agent", "labelZh": "代理", "labelEn": "Agent"}]')`.execute(ctx.db);
    await sql`INSERT INTO customer_metric (customer_id, computed_at, age, tenure_years, policies_total, policies_in_force, in_force_by_line, annual_premium_fen, lifetime_premium_fen,
        earned_premium_3y_fen, claims_count, claims_12m, claims_paid_fen, claims_paid_3y_fen, contacts_12m, contacts_90d, contacts_prev_90d, contact_trend, renewals, lapses, lapses_12m,
        complaints_count, complaints_12m, referral_count, household_size, children)
      VALUES (${holder}::uuid, now(), 45, 3, 1, 1, '{"medical": 1}', 10000, 10000, 10000, 0, 0, 0, 0, 1, 0, 1, 'falling', 0, 0, 0, 0, 0, 0, 1, 0),
             (${lapser}::uuid, now(), NULL, 1, 1, 0, '{}', 0, 10000, 10000, 2, 2, 0, 0, 0, 0, 0, 'none', 0, 1, 1, 0, 0, 0, 1, 0)`.execute(ctx.db);
    const attributes = await listAttributeInfo(ctx.db);
    const ours = [holder, lapser, plain];
    const select = async (text: string) => {
      const compiled = compileModelExpression(text, { attributes, now, field: 'target' });
      const { rows } = await sql<{ id: string }>`SELECT c.id FROM customer c LEFT JOIN customer_metric m ON m.customer_id = c.id WHERE c.id IN (${sql.join(ours)}) AND ${compiled.sql}`.execute(ctx.db);
      return rows.map((r) => ours.indexOf(r.id)).sort();
    };
    expect(await select("holds('medical')")).toEqual([0]);
    expect(await select("not holds('medical')")).toEqual([1, 2]);
    expect(await select('line.medical >= 1')).toEqual([0]);
    expect(await select('lapsed_within(3)')).toEqual([1]);
    expect(await select('lapsed_within(1)')).toEqual([]);
    expect(await select('claimed_within(12) or complained_within(12) or renewed_within(12)')).toEqual([]);
    expect(await select('attr.vip')).toEqual([0]);
    expect(await select('attr.vip = false')).toEqual([1, 2]);
    expect(await select('attr.income > 10000')).toEqual([0]);
    expect(await select("attr.channel = 'agent' or attr.channel = 'bank' and age >= 45")).toEqual([0, 1]);
    // Missing values make a comparison false, and `not` of it true (two-valued logic).
    expect(await select('age < 200')).toEqual([0]);
    expect(await select('not (age < 200)')).toEqual([1, 2]);
    expect(await select("contact_trend = 'falling' and tenure_years = 3 and kind = 'person'")).toEqual([0]);
    // A value that looks like SQL is only ever data.
    expect(await select("attr.note = 'x'' OR true --'")).toEqual([]);
    expect(await select("attr.note != 'x'' OR true --' and attr.vip")).toEqual([0]);
  });
});

describe('a model on a generated book with a planted signal', () => {
  let modelId = '';

  it('finds the signal on the held-out part (AUC, lift) and leaves the target out of its features', { timeout: 60_000 }, async () => {
    await seedPlantedBook(ctx.db, { unitId: org.units.eastA.id, count: 3000, prefix: 'planted-' });
    const model = await trainModel(deps, analyst, { name: 'churn', target: 'attr.churned', where: "kind = 'person'" });
    modelId = model.id;
    expect(model).toMatchObject({ name: 'churn', version: 1, active: true, trainedBy: 'hq.analyst' });
    expect(model.metrics.testRows).toBeGreaterThan(600);
    // The two customers with metrics from the first test are persons too.
    expect(model.metrics.trainRows + model.metrics.testRows).toBe(3002);
    expect(model.metrics.auc).toBeGreaterThan(0.75);
    expect(model.metrics.lift.top10).toBeGreaterThan(2);
    expect(model.metrics.curve).toHaveLength(10);
    const names = model.features.map((f) => f.name);
    expect(names.some((n) => n.startsWith('attr.churned'))).toBe(false);
    // The planted drivers carry the expected signs.
    const weight = (n: string) => model.features.find((f) => f.name === n)?.weight ?? 0;
    expect(weight('contact_trend=falling') + weight('contacts_12m') * -1).toBeGreaterThan(0);
    expect(weight('complaints_12m') + weight('complaints_count')).toBeGreaterThan(0);
    expect(weight('tenure_years')).toBeLessThan(0);
  });

  it('finds nothing in a coin toss (AUC near 0.5)', { timeout: 60_000 }, async () => {
    const coin = await trainModel(deps, analyst, { name: 'coin', target: 'attr.coin' });
    expect(Math.abs(coin.metrics.auc - 0.5)).toBeLessThan(0.1);
    expect(coin.metrics.baseRate).toBeGreaterThan(0.2);
  });

  it('rejects degenerate data: a target that is never true, or a population too small', async () => {
    await expect(trainModel(deps, analyst, { name: 'never', target: 'age > 500' })).rejects.toMatchObject({ code: 'MODEL_TARGET_DEGENERATE' });
    await expect(trainModel(deps, analyst, { name: 'tiny', target: 'attr.churned', where: 'age = 33 and tenure_years = 1' })).rejects.toMatchObject({ code: 'MODEL_TARGET_DEGENERATE' });
  });

  it('scores every matching customer with its reasons and ranks them; a narrower run replaces the ranking', { timeout: 60_000 }, async () => {
    const result = await scoreModel(deps, analyst, modelId, {});
    expect(result.scored).toBe(3002);
    const top = await listModelScores(deps, analyst, modelId, { top: 20 });
    expect(top.items).toHaveLength(20);
    expect(top.items[0]!.score).toBeGreaterThanOrEqual(top.items[19]!.score);
    expect(top.items[0]!.customer.name).toMatch(/^测\*{3}$/);
    expect(top.items[0]!.contributions.length).toBeGreaterThan(0);
    expect(top.items[0]!.contributions[0]!.contribution).toBeGreaterThan(0);
    // The planted churners are over-represented at the top.
    const ids = top.items.map((i) => i.customer.id);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customer WHERE id IN (${sql.join(ids)}) AND attributes -> 'churned' = 'true'::jsonb`.execute(ctx.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(12);

    const narrow = await scoreModel(deps, analyst, modelId, { where: "contact_trend = 'falling'" });
    expect(narrow.scored).toBeGreaterThan(500);
    expect(narrow.scored).toBeLessThan(1500);
    const { rows: left } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM model_score WHERE model_id = ${modelId}`.execute(ctx.db);
    expect(left[0]!.n).toBe(narrow.scored);
  });

  it('versions a name; the analyst chooses the active one', { timeout: 60_000 }, async () => {
    const second = await trainModel(deps, analyst, { name: 'churn', target: 'attr.churned' });
    expect(second).toMatchObject({ version: 2, active: false });
    expect((await activateModel(deps, analyst, second.id)).active).toBe(true);
    const { rows } = await sql<{ version: number }>`SELECT version FROM model WHERE name = 'churn' AND active`.execute(ctx.db);
    expect(rows).toEqual([{ version: 2 }]);
  });
});

describe('anxin model train / score', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-model-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { print: (l: string) => out.push(l), fail: (l: string) => err.push(l) } };
  };

  it('trains with the figures and weights, scores into a ranked CSV with masked names and reasons', { timeout: 60_000 }, async () => {
    const trained = io();
    expect(await runModelTrain(deps, analyst, { name: 'cli-churn', target: 'attr.churned' }, trained.io)).toBe(0);
    expect(trained.out[0]).toMatch(/^Model cli-churn version 1 \(active\)/);
    expect(trained.out[1]).toMatch(/^Held-out AUC 0\.\d{3}; lift top 5% /);
    expect(trained.out.some((l) => l.includes('contact_trend=falling'))).toBe(true);

    const bad = io();
    expect(await runModelTrain(deps, analyst, { name: 'cli-bad', target: 'attr.churned and' }, bad.io)).toBe(1);
    expect(bad.err[0]).toContain('MODEL_EXPRESSION_INVALID: body.target: at 17');

    const out = path.join(dir, 'ranked.csv');
    const scored = io();
    expect(await runModelScore(deps, analyst, { name: 'cli-churn', top: 25, out }, scored.io)).toBe(0);
    expect(scored.out[0]).toMatch(/^Scored 3002 customer\(s\) with cli-churn version 1; the top 25 written/);
    const rows = parse(readFileSync(out)) as string[][];
    expect(rows[0]).toEqual(['rank', 'customer_id', 'name', 'score', 'top_reasons']);
    expect(rows).toHaveLength(26);
    expect(rows[1]![0]).toBe('1');
    expect(rows[1]![2]).toMatch(/^测\*{3}$/);
    expect(rows[1]![4]).toMatch(/=.*\(\+\d\.\d{3}\)/);
    expect(readFileSync(out, 'utf8')).not.toContain('测试客户');

    const missing = io();
    expect(await runModelScore(deps, analyst, { name: 'nobody', top: 5, out }, missing.io)).toBe(1);
    expect(missing.err[0]).toContain('NOT_FOUND');
  });
});
