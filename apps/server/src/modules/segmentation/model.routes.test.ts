import type { TModel } from '@anxin/contracts';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/context.ts';
import { loginAs, seedOrg, seedStaff } from '../../test/factories.ts';
import { expectProblem } from '../../test/problems.ts';
import { seedPlantedBook } from './model.fixtures.ts';

// Route tests for churn and cross-sell models on the real database and HTTP server: training,
// versions and activation, scoring and the ranked (masked, audited, scoped) list.
const ctx = await createTestContext();
const org = await seedOrg(ctx.db);
await seedStaff(ctx.db, org, org.units.hq.id, 'hq.analyst', ['analyst']);
await seedStaff(ctx.db, org, org.units.west.id, 'west.analyst', ['analyst']);
await seedStaff(ctx.db, org, org.units.east.id, 'east.manager', ['branch_manager']);
await seedStaff(ctx.db, org, org.units.eastA.id, 'ea.agent', ['agent']);
const token = {
  analyst: await loginAs(ctx.app, 'hq.analyst'),
  westAnalyst: await loginAs(ctx.app, 'west.analyst'),
  manager: await loginAs(ctx.app, 'east.manager'),
  agent: await loginAs(ctx.app, 'ea.agent'),
};
await seedPlantedBook(ctx.db, { unitId: org.units.eastA.id, count: 1200, prefix: 'routes-' });
const MISSING = '01890000-0000-7000-8000-000000000000';

describe('models', () => {
  const train = (t: string | undefined, payload: Record<string, unknown>) => ctx.request({ method: 'POST', url: '/api/v1/models/train', token: t, payload });
  let first: TModel;

  it('train: 401 → 400 (with the position) → 403 → 422 → 201', { timeout: 60_000 }, async () => {
    expectProblem(await train(undefined, { name: 'churn', target: 'attr.churned' }), 401, 'UNAUTHENTICATED');
    expectProblem(await train(token.analyst, { name: 'Churn!', target: '' }), 400, 'VALIDATION_FAILED', ['body.name', 'body.target']);
    const bad = expectProblem(await train(token.analyst, { name: 'churn', target: 'attr.churned and tenure_years >' }), 400, 'MODEL_EXPRESSION_INVALID', ['body.target']);
    expect(bad).toMatchObject({ position: 32, expected: 'a number, a quoted text or true/false' });
    expect(bad.detail).toContain('at 32');
    expectProblem(await train(token.analyst, { name: 'churn', target: 'attr.churned', where: 'attr.nothing' }), 400, 'MODEL_EXPRESSION_INVALID', ['body.where']);
    expectProblem(await train(token.manager, { name: 'churn', target: 'attr.churned' }), 403, 'FORBIDDEN');
    expectProblem(await train(token.analyst, { name: 'churn', target: 'age > 500' }), 422, 'MODEL_TARGET_DEGENERATE', ['body.target']);
    const res = await train(token.analyst, { name: 'churn', target: 'attr.churned' });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as TModel;
    expect(first).toMatchObject({ name: 'churn', version: 1, active: true, target: 'attr.churned', where: null, trainedBy: 'hq.analyst', scoredAt: null });
    expect(first.metrics.auc).toBeGreaterThan(0.65);
    expect(first.features.find((f) => f.name === 'contact_trend=falling')).toMatchObject({ weight: expect.any(Number), sd: expect.any(Number) });
  });

  it('read: 401 → 403 → 404 → 200; list and one version', async () => {
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/models' }), 401, 'UNAUTHENTICATED');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/models', token: token.agent }), 403, 'FORBIDDEN');
    expectProblem(await ctx.request({ method: 'GET', url: '/api/v1/models/not-an-id', token: token.manager }), 400, 'VALIDATION_FAILED', ['params.id']);
    expectProblem(await ctx.request({ method: 'GET', url: `/api/v1/models/${MISSING}`, token: token.manager }), 404, 'NOT_FOUND');
    const list = await ctx.request({ method: 'GET', url: '/api/v1/models', token: token.manager });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: TModel[] }).items.map((m) => [m.name, m.version])).toEqual([['churn', 1]]);
    const one = await ctx.request({ method: 'GET', url: `/api/v1/models/${first.id}`, token: token.manager });
    expect(one.json()).toMatchObject({ id: first.id, metrics: { auc: first.metrics.auc } });
  });

  it('a second version is not active until the analyst activates it: 403 → 404 → 200', { timeout: 60_000 }, async () => {
    const res = await train(token.analyst, { name: 'churn', target: 'attr.churned', where: "gender = 'female'" });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as TModel;
    expect(second).toMatchObject({ version: 2, active: false, where: "gender = 'female'" });
    const activate = (t: string, id: string) => ctx.request({ method: 'POST', url: `/api/v1/models/${id}/activate`, token: t });
    expectProblem(await activate(token.manager, second.id), 403, 'FORBIDDEN');
    expectProblem(await activate(token.analyst, MISSING), 404, 'NOT_FOUND');
    const activated = await activate(token.analyst, second.id);
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json()).toMatchObject({ version: 2, active: true });
    const list = (await ctx.request({ method: 'GET', url: '/api/v1/models', token: token.analyst })).json() as { items: TModel[] };
    expect(list.items.map((m) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'model.changed' AND entity_id = ${second.id}`.execute(ctx.db);
    expect(rows[0]!.n).toBe(2);
  });

  it('score: 403 → 404 → 400 → 200; the ranking carries masked names and reasons, within the reader’s scope (audited)', { timeout: 60_000 }, async () => {
    const score = (t: string, id: string, payload: Record<string, unknown> = {}) => ctx.request({ method: 'POST', url: `/api/v1/models/${id}/score`, token: t, payload });
    expectProblem(await score(token.manager, first.id), 403, 'FORBIDDEN');
    expectProblem(await score(token.analyst, MISSING), 404, 'NOT_FOUND');
    expectProblem(await score(token.analyst, first.id, { where: "tier = 'diamond'" }), 400, 'MODEL_EXPRESSION_INVALID', ['body.where']);
    const res = await score(token.analyst, first.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ modelId: first.id, scored: 1200 });
    expect((await ctx.request({ method: 'GET', url: `/api/v1/models/${first.id}`, token: token.analyst })).json()).toMatchObject({ scoredAt: expect.any(String) });

    const read = (t: string, query: string) => ctx.request({ method: 'GET', url: `/api/v1/models/${first.id}/scores${query}`, token: t });
    expectProblem(await read(token.agent, '?top=5'), 403, 'FORBIDDEN');
    expectProblem(await read(token.analyst, '?top=0'), 400, 'VALIDATION_FAILED', ['querystring.top']);
    const top = await read(token.manager, '?top=5');
    expect(top.statusCode, top.body).toBe(200);
    const items = (top.json() as { items: { customer: { name: string }; score: number; contributions: { name: string; contribution: number }[] }[] }).items;
    expect(items).toHaveLength(5);
    expect(items[0]!.customer.name).toMatch(/^测\*{3}$/);
    expect(items[0]!.score).toBeGreaterThanOrEqual(items[4]!.score);
    expect(items[0]!.contributions.length).toBeGreaterThan(0);
    expect(items[0]!.contributions.length).toBeLessThanOrEqual(3);
    // The book lies under EAST: a WEST analyst sees none of it.
    expect((await read(token.westAnalyst, '?top=5')).json()).toEqual({ items: [] });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'model.scores_read' AND entity_id = ${first.id}`.execute(ctx.db);
    expect(rows[0]!.n).toBe(2);
  });
});
