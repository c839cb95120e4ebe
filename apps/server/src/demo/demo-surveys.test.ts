import type { TSurveyQuestion } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../app.ts';
import { createTestContext } from '../test/context.ts';
import { seedOrg } from '../test/factories.ts';
import { createCustomer } from '../modules/customers/index.ts';
import { sendSurveyInTransaction } from '../modules/service/index.ts';
import { answerDemoSurveys } from './demo-surveys.ts';

// The demo's customers answer most of their surveys, through the same path as a survey link.
const ctx = await createTestContext();
const deps = { db: ctx.db, cipher: cipherFor(ctx.config) };
const { units, system } = await seedOrg(ctx.db);

describe('demo survey answers', () => {
  it('answers about two in three sent surveys, with scores in range, audited and published; the same every time', async () => {
    const sentAt = new Date('2026-10-01T02:00:00.000Z');
    for (let i = 0; i < 40; i++) {
      const customerId = (await createCustomer(deps, system, { name: `调查客户${i}`, orgUnitId: units.eastA.id })).id;
      await ctx.db.transaction().execute((tx) => sendSurveyInTransaction({ ...deps, db: tx }, { customerId, templateCode: 'claim_closure', orgUnitId: units.eastA.id, validDays: 30, source: 'test' }, 'https://x.example', sentAt));
    }
    const answered = await answerDemoSurveys(ctx.db, deps.cipher, new Date('2026-12-01T02:00:00.000Z'));
    expect(answered).toBeGreaterThan(15);
    expect(answered).toBeLessThan(40);
    const rows = await ctx.db.selectFrom('survey').select(['status', 'csat', 'nps', 'answered_at', 'sent_at', 'expires_at', 'answers', 'questions']).execute();
    const done = rows.filter((r) => r.status === 'answered');
    expect(done).toHaveLength(answered);
    for (const r of done) {
      expect(r.csat).toBeGreaterThanOrEqual(1);
      expect(r.csat).toBeLessThanOrEqual(5);
      expect(r.nps).toBeGreaterThanOrEqual(0);
      expect(r.nps).toBeLessThanOrEqual(10);
      expect(r.answered_at!.getTime()).toBeGreaterThan(r.sent_at.getTime());
      expect(r.answered_at!.getTime()).toBeLessThan(r.expires_at.getTime());
      const required = (r.questions as TSurveyQuestion[]).filter((q) => q.required).map((q) => q.key);
      for (const key of required) expect(Object.keys(r.answers as object)).toContain(key);
    }
    // Not all the same: some promoters, some detractors.
    expect(new Set(done.map((r) => r.csat)).size).toBeGreaterThan(2);
    expect(await ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'survey.answered').execute()).toHaveLength(answered);
    expect(await answerDemoSurveys(ctx.db, deps.cipher, new Date('2026-12-01T02:00:00.000Z'))).toBe(0);
  });
});
